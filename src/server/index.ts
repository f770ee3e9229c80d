// The public contract of build/Code.js: every export here becomes a top-level Apps Script
// function (scripts/build.mjs). This file only re-exports; logic lives in the modules.
export { onOpen, onInstall, showSidebar } from './menu';
