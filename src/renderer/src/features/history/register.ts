import { sidePanels } from '../../app/registry'
import { HistoryPanel } from './HistoryPanel'

sidePanels.push({ id: 'history', label: 'History', component: HistoryPanel })
