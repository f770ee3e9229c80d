/** Russian: the first users' language and the reference catalog (every key is defined here). */
export const ru = {
  'app.name': 'Арбитр',
  'menu.openSidebar': 'Открыть Арбитр',
  'sidebar.title': 'Арбитр — инциденты',
} as const;
