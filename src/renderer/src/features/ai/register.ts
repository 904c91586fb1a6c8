import { settingsSections, sidePanels } from '../../app/registry'
import { AiChatPanel } from './AiChatPanel'
import { AiSettingsSection } from './AiSettingsSection'
import './editor-actions'

sidePanels.push({ id: 'ai', label: 'AI', component: AiChatPanel })
settingsSections.push({ id: 'ai', label: 'AI assistant', component: AiSettingsSection })
