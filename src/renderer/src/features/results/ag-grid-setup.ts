import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community'

/** AG Grid 33+ renders nothing useful until its community modules are registered. */
ModuleRegistry.registerModules([AllCommunityModule])
