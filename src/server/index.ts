// The public contract of build/Code.js: every export here becomes a top-level Apps Script
// function (scripts/build.mjs). This file only re-exports; logic lives in the modules.
export { onOpen, onInstall, showSidebar } from './menu';
export { setupWorkbook, installTriggers, removeTriggers } from './setup';
export { onEditInstalled } from './onedit';
export { onChangeInstalled } from './onchange';
export { runScheduled, runHourly, runDaily, runWeekly, runMonthly } from './jobs/dispatch';
export {
  apiBootstrap,
  apiGetSettings,
  apiSaveSettings,
  apiRegisterCase,
  apiGetCase,
  apiListCases,
  apiTransition,
  apiUpdateCase,
  apiRecordFirstResponse,
  apiRenderTemplate,
} from './api';
export { apiFindMatches, apiClientCases, apiAddToCase } from './matches';
export { apiUploadEvidence } from './evidence';
export { apiAddNote, apiRecordMessage } from './conversation';
export { apiSetPromise, apiDecidePromise } from './promise';
export { refreshDashboard } from './dashboard';
export {
  apiLogGrowthZone,
  apiMoveGrowthZone,
  apiLogCsi,
  apiListGrowthZones,
  apiGetGrowthZone,
  apiListCsi,
  apiZoneSummary,
} from './zones-api';
