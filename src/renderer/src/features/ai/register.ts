import { lazy } from 'react'
import { settingsSections, sidePanels } from '../../app/registry'
import { AiSettingsSection } from './AiSettingsSection'
import './editor-actions'

// the chat (with its Markdown renderer) loads when the panel is first opened, not with the first screen
const AiChatPanel = lazy(() => import('./AiChatPanel').then((m) => ({ default: m.AiChatPanel })))
sidePanels.push({ id: 'ai', label: 'AI', component: AiChatPanel })
settingsSections.push({ id: 'ai', label: 'AI assistant', component: AiSettingsSection })
