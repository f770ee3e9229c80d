import type { Catalog } from './index';

export const en: Catalog = {
  'app.name': 'Arbiter',
  'menu.openSidebar': 'Open Arbiter',
  'sidebar.title': 'Arbiter — incidents',
};
