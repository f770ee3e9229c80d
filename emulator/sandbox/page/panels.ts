/**
 * The drawer under the grid: the outbox (each mail as its recipient would see it), the
 * executions log (what ran, who started it, what it cost in Apps Script terms) and the installed
 * triggers (time-driven ones can be fired by hand).
 */
import type { ExecutionView, MailView, SandboxSnapshot, TriggerView } from '../protocol';
import { h, replaceChildren } from './dom';
import type { Words } from './i18n';

type Tab = 'outbox' | 'executions' | 'triggers';

export interface PanelDeps {
  words(): Words;
  fireTrigger(id: string): void;
}

export class Panels {
  readonly element: HTMLElement;
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private readonly bodies: Record<Tab, HTMLElement>;
  private current: Tab = 'outbox';
  private selectedMail: string | null = null;
  private snapshot: SandboxSnapshot | null = null;
  private collapsed = false;
  private readonly toggle: HTMLButtonElement;

  constructor(private readonly deps: PanelDeps) {
    const tab = (name: Tab) =>
      h('button', {
        className: 'drawer-tab',
        testid: `panel-tab-${name}`,
        attrs: { type: 'button', role: 'tab' },
        on: { click: () => this.show(name) },
      });
    this.tabs = { outbox: tab('outbox'), executions: tab('executions'), triggers: tab('triggers') };
    this.bodies = {
      outbox: h('div', { className: 'drawer-body outbox', testid: 'outbox', attrs: { role: 'tabpanel' } }),
      executions: h('div', { className: 'drawer-body', testid: 'executions', attrs: { role: 'tabpanel' } }),
      triggers: h('div', { className: 'drawer-body', testid: 'triggers', attrs: { role: 'tabpanel' } }),
    };
    this.toggle = h('button', {
      className: 'icon-button drawer-toggle',
      testid: 'drawer-toggle',
      attrs: { type: 'button' },
      on: { click: () => this.setCollapsed(!this.collapsed) },
    });
    this.element = h(
      'section',
      { className: 'drawer', testid: 'drawer' },
      h(
        'div',
        { className: 'drawer-tabs', attrs: { role: 'tablist' } },
        this.tabs.outbox,
        this.tabs.executions,
        this.tabs.triggers,
        h('span', { className: 'spacer' }),
        this.toggle,
      ),
      this.bodies.outbox,
      this.bodies.executions,
      this.bodies.triggers,
    );
    this.show('outbox');
  }

  show(tab: Tab): void {
    this.current = tab;
    this.setCollapsed(false);
    for (const name of Object.keys(this.tabs) as Tab[]) {
      this.tabs[name].setAttribute('aria-selected', String(name === tab));
      this.bodies[name].hidden = name !== tab;
    }
  }

  private setCollapsed(collapsed: boolean): void {
    this.collapsed = collapsed;
    this.element.classList.toggle('collapsed', collapsed);
    const words = this.deps.words();
    this.toggle.textContent = collapsed ? '▴' : '▾';
    this.toggle.title = collapsed ? words.expand : words.collapse;
    for (const name of Object.keys(this.bodies) as Tab[]) this.bodies[name].hidden = collapsed || name !== this.current;
  }

  render(snapshot: SandboxSnapshot): void {
    const previous = this.snapshot;
    this.snapshot = snapshot;
    const words = this.deps.words();
    this.tabs.outbox.textContent = `${words.mail} (${snapshot.outbox.length})`;
    this.tabs.executions.textContent = `${words.executions} (${snapshot.executions.length})`;
    this.tabs.triggers.textContent = `${words.triggers} (${snapshot.triggers.length})`;
    this.setCollapsed(this.collapsed);
    if (!previous || previous.outbox.length !== snapshot.outbox.length) this.renderOutbox(snapshot.outbox, words);
    this.renderExecutions(snapshot.executions, words);
    this.renderTriggers(snapshot.triggers, words);
  }

  private renderOutbox(mails: MailView[], words: Words): void {
    if (mails.length === 0) {
      replaceChildren(this.bodies.outbox, h('p', { className: 'empty' }, words.noMail));
      return;
    }
    if (!this.selectedMail || !mails.some((m) => m.id === this.selectedMail)) this.selectedMail = mails[0]?.id ?? null;
    const list = h(
      'ul',
      { className: 'mail-list', attrs: { role: 'listbox' } },
      ...mails.map((mail) =>
        h(
          'li',
          {
            className: mail.id === this.selectedMail ? 'mail-item selected' : 'mail-item',
            testid: 'outbox-item',
            data: { mailId: mail.id },
            attrs: { role: 'option', tabindex: 0, 'aria-selected': String(mail.id === this.selectedMail) },
            on: {
              click: () => this.selectMail(mail.id, mails, words),
              keydown: (e) => {
                if (e.key === 'Enter') this.selectMail(mail.id, mails, words);
              },
            },
          },
          h('div', { className: 'mail-subject' }, mail.subject || words.noSubject),
          h('div', { className: 'mail-meta' }, `${mail.to.join(', ')} · ${mail.sentAtText}`),
        ),
      ),
    );
    const selected = mails.find((m) => m.id === this.selectedMail);
    replaceChildren(this.bodies.outbox, list, selected ? this.mailView(selected, words) : null);
  }

  private selectMail(id: string, mails: MailView[], words: Words): void {
    this.selectedMail = id;
    this.renderOutbox(mails, words);
  }

  private mailView(mail: MailView, words: Words): HTMLElement {
    const row = (label: string, value: string) =>
      value ? h('div', { className: 'mail-header-row' }, h('span', { className: 'label' }, label), value) : null;
    const from = mail.fromName ? `${mail.fromName} <${mail.from}>` : mail.from;
    const body = h('iframe', {
      className: 'mail-body',
      testid: 'mail-body',
      title: mail.subject,
      // No script runs in a mail and it cannot reach the page; the server's CSP says the same.
      attrs: { sandbox: '', src: mail.bodyUrl, referrerpolicy: 'no-referrer' },
    });
    return h(
      'article',
      { className: 'mail', testid: 'mail-view', data: { mailId: mail.id } },
      h('h3', { className: 'mail-title' }, mail.subject || words.noSubject),
      row(words.from, from),
      row(words.to, mail.to.join(', ')),
      row(words.cc, mail.cc.join(', ')),
      row(words.replyTo, mail.replyTo ?? ''),
      row(words.date, mail.sentAtText),
      mail.emlUrl
        ? h(
            'a',
            { className: 'mail-eml', testid: 'mail-eml', attrs: { href: mail.emlUrl, download: '' } },
            words.downloadEml,
          )
        : null,
      body,
    );
  }

  private renderExecutions(executions: ExecutionView[], words: Words): void {
    if (executions.length === 0) {
      replaceChildren(this.bodies.executions, h('p', { className: 'empty' }, words.noExecutions));
      return;
    }
    const head = h(
      'tr',
      {},
      ...[words.when, words.fn, words.startedBy, words.user, words.result].map((label) =>
        h('th', { attrs: { scope: 'col' } }, label),
      ),
      ...[words.calls, words.cells, words.emails, words.estimate].map((label) =>
        h('th', { className: 'right', attrs: { scope: 'col' } }, label),
      ),
    );
    const rows = executions.map((e) =>
      h(
        'tr',
        { testid: 'execution-row', data: { ok: String(e.ok), functionName: e.functionName, executionId: e.id } },
        h('td', {}, e.startedAtText),
        h(
          'td',
          { className: 'mono' },
          e.functionName,
          // A firing of the schedule: what each job did.
          e.jobs.length > 0
            ? h('ul', { className: 'job-lines', testid: 'execution-jobs' }, ...e.jobs.map((line) => h('li', {}, line)))
            : null,
        ),
        h('td', {}, e.trigger),
        h('td', {}, e.user),
        h(
          'td',
          { className: e.ok ? 'ok' : 'failed' },
          e.ok ? `✓ ${words.ok}` : `✗ ${words.failed}`,
          e.error ? h('div', { className: 'error-text' }, e.error) : null,
        ),
        h('td', { className: 'right' }, e.calls),
        h('td', { className: 'right' }, `${e.cellsRead} / ${e.cellsWritten}`),
        h('td', { className: 'right' }, e.emailsSent),
        h('td', { className: 'right' }, `${(e.estimatedMs / 1000).toFixed(1)} ${words.seconds}`),
      ),
    );
    replaceChildren(
      this.bodies.executions,
      h('table', { className: 'log-table' }, h('thead', {}, head), h('tbody', {}, ...rows)),
    );
  }

  private renderTriggers(triggers: TriggerView[], words: Words): void {
    if (triggers.length === 0) {
      replaceChildren(this.bodies.triggers, h('p', { className: 'empty' }, words.noTriggers));
      return;
    }
    replaceChildren(
      this.bodies.triggers,
      h(
        'ul',
        { className: 'trigger-list' },
        ...triggers.map((t) =>
          h(
            'li',
            { className: 'trigger', testid: 'trigger-item', data: { triggerId: t.id, handler: t.handlerFunction } },
            h('span', { className: 'mono trigger-handler' }, t.handlerFunction),
            h('span', { className: 'trigger-schedule' }, t.schedule),
            h(
              'span',
              { className: 'muted' },
              `${words.owner}: ${t.owner}`,
              t.nextRunText ? ` · ${words.nextRun}: ${t.nextRunText}` : '',
            ),
            t.canFire
              ? h(
                  'button',
                  {
                    className: 'button small',
                    testid: 'trigger-fire',
                    data: { triggerId: t.id },
                    attrs: { type: 'button' },
                    on: { click: () => this.deps.fireTrigger(t.id) },
                  },
                  words.fireNow,
                )
              : h('span', { className: 'muted' }, words.runsOnEdit),
          ),
        ),
      ),
    );
  }
}
