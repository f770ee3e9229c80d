/**
 * The sandbox page: the workbook's grid and tabs, the Arbiter sidebar beside it, the drawer with
 * the outbox, executions and triggers, and the bar on top to act as a team member, open the add-on
 * menu and move the clock. Everything is drawn from the server's snapshot and redrawn when the
 * server says the workbook changed (server-sent events).
 */
import './styles.css';
import type { SandboxSnapshot } from '../protocol';
import { api } from './api';
import { h, replaceChildren } from './dom';
import { Grid } from './grid';
import { words as wordsFor, type Words } from './i18n';
import { Panels } from './panels';
import { SidebarHost } from './sidebar-host';

const USER_KEY = 'arbiter-sandbox.user';
const SIDEBAR_KEY = 'arbiter-sandbox.sidebar-open';
const HOUR = 3_600_000;
const TOAST_MS = 6000;

class App {
  private snapshot: SandboxSnapshot | null = null;
  private user = localStorage.getItem(USER_KEY) ?? '';
  private receivedAt = Date.now();
  private lastToastId = -1;
  private refreshing = false;
  private refreshAgain = false;

  private readonly grid = new Grid({
    words: () => this.words,
    select: (sheet, a1) => void this.select(sheet, a1),
    edit: (sheet, a1, value) => this.edit(sheet, a1, value),
  });
  private readonly sidebar = new SidebarHost({
    words: () => this.words,
    user: () => this.user,
    called: () => void this.refresh(),
    focusEditor: () => this.grid.focus(),
    open: () => void this.openSidebar(),
    closed: () => localStorage.removeItem(SIDEBAR_KEY),
  });
  private readonly panels = new Panels({
    words: () => this.words,
    fireTrigger: (id) => void this.act(() => api.fireTrigger(id)),
  });

  private readonly docName = h('span', { className: 'doc-name', testid: 'spreadsheet-name' });
  private readonly demoBadge = h('span', { className: 'badge', testid: 'demo-badge', attrs: { hidden: true } });
  private readonly userSelect = h('select', {
    className: 'user-select',
    testid: 'user-select',
    on: { change: () => void this.switchUser(this.userSelect.value) },
  });
  private readonly userLabel = h('span', { className: 'muted' });
  private readonly clockNow = h('time', { className: 'clock-now', testid: 'clock-now' });
  private readonly clockHour = h('button', {
    className: 'button small',
    testid: 'clock-hour',
    attrs: { type: 'button' },
    on: { click: () => void this.act(() => api.advanceClock(HOUR)) },
  });
  private readonly clockDay = h('button', {
    className: 'button small',
    testid: 'clock-day',
    attrs: { type: 'button' },
    on: { click: () => void this.act(() => api.advanceClock(24 * HOUR)) },
  });
  private readonly banner = h('div', {
    className: 'demo-banner',
    testid: 'demo-banner',
    attrs: { hidden: true, role: 'note' },
  });
  private readonly offline = h('div', {
    className: 'offline',
    testid: 'offline',
    attrs: { hidden: true, role: 'alert' },
  });
  private readonly menuButton = h('button', {
    className: 'menu-button',
    testid: 'menu-extensions',
    attrs: { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false' },
    on: { click: () => this.toggleMenu() },
  });
  private readonly menuPopup = h('div', {
    className: 'menu-popup',
    testid: 'menu-popup',
    attrs: { role: 'menu', hidden: true },
  });
  private readonly openButton = h('button', {
    className: 'button primary',
    testid: 'open-sidebar',
    attrs: { type: 'button' },
    on: { click: () => void this.openSidebar() },
  });
  private readonly tabs = h('nav', { className: 'sheet-tabs', testid: 'sheet-tabs' });
  private readonly toasts = h('div', { className: 'toasts', attrs: { 'aria-live': 'polite' } });

  get words(): Words {
    return wordsFor(this.snapshot?.spreadsheet.lang ?? 'ru');
  }

  mount(root: HTMLElement): void {
    const brand = h(
      'div',
      { className: 'brand' },
      h('span', { className: 'logo', attrs: { 'aria-hidden': 'true' } }, '⚖'),
      h('b', { testid: 'brand-name' }),
      h('span', { className: 'muted', testid: 'brand-sandbox' }),
    );
    replaceChildren(
      root,
      h(
        'header',
        { className: 'topbar' },
        brand,
        this.docName,
        this.demoBadge,
        h('span', { className: 'spacer' }),
        h('label', { className: 'acting-as' }, this.userLabel, this.userSelect),
        h('div', { className: 'clock' }, this.clockNow, this.clockHour, this.clockDay),
      ),
      this.banner,
      this.offline,
      h(
        'div',
        { className: 'menubar' },
        h('div', { className: 'menu' }, this.menuButton, this.menuPopup),
        this.openButton,
      ),
      h(
        'main',
        { className: 'workspace' },
        h('div', { className: 'sheet-area' }, this.grid.element, this.tabs),
        this.sidebar.element,
      ),
      this.panels.element,
      this.toasts,
    );
    document.addEventListener('click', (event) => {
      if (
        !this.menuPopup.hidden &&
        !(event.target instanceof Node && this.menuButton.parentElement?.contains(event.target))
      ) {
        this.closeMenu();
      }
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.menuPopup.hidden) this.closeMenu();
    });
    setInterval(() => this.renderClock(), 10_000);
    this.listen();
    void this.refresh().then(() => {
      if (localStorage.getItem(SIDEBAR_KEY) === 'open') void this.openSidebar();
    });
  }

  /** Server-sent events: the workbook changed (an edit, a call, a trigger, the clock). */
  private listen(): void {
    const source = new EventSource('/api/events');
    source.addEventListener('changed', (event) => {
      this.offline.hidden = true;
      if (Number((event as MessageEvent<string>).data) !== this.snapshot?.revision) void this.refresh();
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.OPEN) {
        this.offline.textContent = this.words.disconnected;
        this.offline.hidden = false;
      }
    });
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        const requested = this.user;
        const snapshot = await api.snapshot(requested);
        // Someone else was chosen while this one was on its way: fetch again for them.
        if (requested !== this.user) this.refreshAgain = true;
        else this.render(snapshot);
      } while (this.refreshAgain);
    } catch (error) {
      this.offline.textContent = `${this.words.disconnected} (${error instanceof Error ? error.message : String(error)})`;
      this.offline.hidden = false;
    } finally {
      this.refreshing = false;
    }
  }

  private render(snapshot: SandboxSnapshot): void {
    this.snapshot = snapshot;
    this.receivedAt = Date.now();
    if (snapshot.user !== this.user) {
      this.user = snapshot.user;
      localStorage.setItem(USER_KEY, this.user);
    }
    const words = this.words;
    document.documentElement.lang = snapshot.spreadsheet.lang;
    document.title = `${snapshot.spreadsheet.name} — ${words.product}, ${words.sandbox}`;
    const brand = document.querySelector('[data-testid="brand-name"]');
    if (brand) brand.textContent = words.product;
    const sandboxWord = document.querySelector('[data-testid="brand-sandbox"]');
    if (sandboxWord) sandboxWord.textContent = words.sandbox;
    this.docName.textContent = snapshot.spreadsheet.name;
    this.demoBadge.textContent = words.demoBadge;
    this.demoBadge.hidden = !snapshot.demo;
    this.banner.textContent = words.demoBanner;
    this.banner.hidden = !snapshot.demo;
    this.userLabel.textContent = words.actingAs;
    this.renderUsers(snapshot);
    this.clockHour.textContent = words.plusHour;
    this.clockDay.textContent = words.plusDay;
    this.clockNow.title = `${words.clock} (${snapshot.clock.timeZone}), ${
      snapshot.clock.running ? words.clockRunning : words.clockStopped
    }`;
    this.renderClock();
    this.menuButton.textContent = `${words.extensions} ▾`;
    this.openButton.textContent = `⚖ ${words.openArbiter}`;
    this.renderMenu(snapshot);
    this.renderTabs(snapshot);
    this.grid.render(snapshot.grid, snapshot.selection);
    this.panels.render(snapshot);
    this.renderToasts(snapshot);
  }

  private renderUsers(snapshot: SandboxSnapshot): void {
    const words = this.words;
    replaceChildren(
      this.userSelect,
      ...snapshot.users.map((u) =>
        h(
          'option',
          { attrs: { value: u.email }, title: u.email },
          u.name ? `${u.name} — ${u.roleLabel || words.notInTeam}` : `${u.email} (${words.notInTeam})`,
        ),
      ),
    );
    this.userSelect.value = snapshot.user;
  }

  private renderClock(): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const { clock } = snapshot;
    if (!clock.running) {
      this.clockNow.textContent = clock.nowText;
      return;
    }
    const now = clock.nowMs + (Date.now() - this.receivedAt);
    this.clockNow.textContent = new Intl.DateTimeFormat(snapshot.spreadsheet.lang === 'en' ? 'en-GB' : 'ru-RU', {
      timeZone: clock.timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(now));
  }

  private renderMenu(snapshot: SandboxSnapshot): void {
    const menu = snapshot.menu;
    this.menuButton.disabled = !menu;
    if (!menu) return replaceChildren(this.menuPopup);
    replaceChildren(
      this.menuPopup,
      h('div', { className: 'menu-caption' }, menu.caption),
      ...menu.items.map((item) =>
        h(
          'button',
          {
            className: 'menu-item',
            testid: 'menu-item',
            data: { function: item.functionName },
            attrs: { type: 'button', role: 'menuitem' },
            on: {
              click: () => {
                this.closeMenu();
                void this.runMenuItem(item.functionName);
              },
            },
          },
          item.caption,
        ),
      ),
    );
  }

  private toggleMenu(): void {
    if (this.menuPopup.hidden) {
      this.menuPopup.hidden = false;
      this.menuButton.setAttribute('aria-expanded', 'true');
      this.menuPopup.querySelector<HTMLButtonElement>('button')?.focus();
    } else this.closeMenu();
  }

  private closeMenu(): void {
    this.menuPopup.hidden = true;
    this.menuButton.setAttribute('aria-expanded', 'false');
  }

  private renderTabs(snapshot: SandboxSnapshot): void {
    replaceChildren(
      this.tabs,
      ...snapshot.sheets
        .filter((s) => !s.hidden)
        .map((s) => {
          const tab = h(
            'button',
            {
              className: s.active ? 'sheet-tab active' : 'sheet-tab',
              testid: 'sheet-tab',
              data: { name: s.name },
              attrs: { type: 'button', 'aria-current': s.active ? 'page' : null },
              on: { click: () => void this.switchSheet(s.name) },
            },
            s.name,
          );
          if (s.tabColor) tab.style.borderBottomColor = s.tabColor;
          return tab;
        }),
    );
  }

  private renderToasts(snapshot: SandboxSnapshot): void {
    const fresh = snapshot.toasts.filter((t) => t.id > this.lastToastId);
    const first = this.lastToastId < 0;
    this.lastToastId = Math.max(this.lastToastId, 0, ...snapshot.toasts.map((t) => t.id));
    if (first) return; // toasts from before the page was opened are old news
    for (const toast of fresh) this.toast(toast.title, toast.message);
  }

  private toast(title: string, message: string, kind: 'info' | 'error' = 'info'): void {
    const el = h(
      'div',
      { className: `toast ${kind}`, testid: 'toast', attrs: { role: kind === 'error' ? 'alert' : 'status' } },
      title ? h('b', {}, title) : null,
      h('div', {}, message),
    );
    this.toasts.appendChild(el);
    setTimeout(() => el.remove(), TOAST_MS);
  }

  // ----- Actions -------------------------------------------------------------------------------

  /** Runs a server action; its failure is shown; the page redraws either way. */
  private async act(action: () => Promise<{ ok: boolean; error?: string }>): Promise<boolean> {
    try {
      const result = await action();
      if (!result.ok) this.toast('', result.error ?? 'Error', 'error');
      return result.ok;
    } catch (error) {
      this.toast('', error instanceof Error ? error.message : String(error), 'error');
      return false;
    } finally {
      await this.refresh();
    }
  }

  private async switchUser(email: string): Promise<void> {
    this.user = email;
    localStorage.setItem(USER_KEY, email);
    await this.refresh();
    // The sidebar belongs to whoever opened it: it opens again for the new person.
    if (this.sidebar.isOpen) await this.openSidebar();
  }

  private async switchSheet(name: string): Promise<void> {
    await this.act(() => api.select(this.user, name));
    this.grid.focus();
  }

  private async select(sheet: string, a1: string): Promise<void> {
    const result = await api.select(this.user, sheet, a1).catch((error: unknown) => ({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    }));
    if (!result.ok) this.grid.say(result.error ?? '', 'error');
  }

  private async edit(sheet: string, a1: string, value: string): Promise<void> {
    const words = this.words;
    try {
      const result = await api.edit(this.user, sheet, a1, value);
      if (!result.ok) this.grid.say(`${words.editRefused}: ${result.error ?? ''}`, 'error');
      else if (result.failures?.length) this.grid.say(`${words.triggerFailed}: ${result.failures.join('; ')}`, 'error');
      else if (result.warning) this.grid.say(result.warning, 'warning');
    } catch (error) {
      this.grid.say(error instanceof Error ? error.message : String(error), 'error');
    }
    await this.refresh();
  }

  private async runMenuItem(functionName: string): Promise<void> {
    const result = await api.menu(this.user, functionName).catch((error: unknown) => ({
      ok: false as const,
      error: error instanceof Error ? error.message : String(error),
      shown: undefined,
    }));
    if (!result.ok) this.toast('', result.error ?? 'Error', 'error');
    if (result.shown?.kind === 'sidebar') {
      this.sidebar.open(result.shown.path, result.shown.title);
      localStorage.setItem(SIDEBAR_KEY, 'open');
    } else if (result.shown) {
      // Arbiter shows no dialogs today; should one appear, say so rather than drop it silently.
      this.toast(result.shown.title, this.words.dialogNotShown);
    }
    await this.refresh();
  }

  /** The "Open Arbiter" menu item: showSidebar, run as the person acting. */
  private async openSidebar(): Promise<void> {
    const item = this.snapshot?.menu?.items.find((i) => i.functionName === 'showSidebar');
    await this.runMenuItem(item?.functionName ?? 'showSidebar');
  }
}

const root = document.getElementById('app');
if (root) new App().mount(root);
