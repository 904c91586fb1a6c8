import { overlays } from '../../app/registry'
import { ConnectionDialog } from './ConnectionDialog'

overlays.push(ConnectionDialog)
