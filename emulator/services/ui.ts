/**
 * The spreadsheet's Ui (SpreadsheetApp.getUi() returns it): menus go to env.state.ui, sidebars and
 * dialogs to env.output.shown, and alerts and prompts are answered by env.respond, the emulated
 * person. https://developers.google.com/apps-script/reference/base/ui
 * Menus work in every AuthMode (an add-on's onOpen builds its menu in AuthMode.NONE); showing
 * anything needs at least LIMITED. All of it needs the script.container.ui scope.
 */
import { SCOPES, type ExecutionEnv, type Need } from '../core/env';
import type { MenuSpec } from '../core/state';
import { MenuStub, PromptResponseStub, UiStub } from '../generated/stubs';
import { asEnum, BUTTON, BUTTON_SET, isMember, type ButtonName, type ButtonSetName } from '../core/enums';
import { FakeHtmlOutput } from './html';
import { NEEDS_NOTHING, signatureMismatch } from '../core/shared';

const NEEDS_MENU: Need = { mode: 'NONE', scopes: SCOPES.containerUi };
const NEEDS_DIALOG: Need = { mode: 'LIMITED', scopes: SCOPES.containerUi };
/** Sheets shows every sidebar 300 px wide, whatever setWidth said. */
export const SIDEBAR_WIDTH = 300;
/** An add-on's menu is captioned with the add-on's name (Extensions → Arbiter). */
export const ADDON_MENU_CAPTION = 'Arbiter';

class FakeMenu extends MenuStub implements GoogleAppsScript.Base.Menu {
  constructor(
    private readonly env: ExecutionEnv,
    readonly spec: MenuSpec,
    private readonly isAddonMenu: boolean,
  ) {
    super();
  }

  private local(member: string): this {
    this.env.call(`Menu.${member}`, 'local', NEEDS_NOTHING);
    return this;
  }

  override addItem(caption: unknown, functionName: unknown): this {
    if (typeof caption !== 'string' || typeof functionName !== 'string') {
      throw signatureMismatch('Menu.addItem', [caption, functionName]);
    }
    this.spec.items.push({ caption, functionName });
    return this.local('addItem');
  }

  override addSeparator(): this {
    this.spec.items.push({ caption: '', separator: true });
    return this.local('addSeparator');
  }

  override addSubMenu(menu: unknown): this {
    if (!(menu instanceof FakeMenu)) throw signatureMismatch('Menu.addSubMenu', [menu]);
    this.spec.items.push({ caption: menu.spec.caption, subMenu: structuredClone(menu.spec) });
    return this.local('addSubMenu');
  }

  /** A custom menu replaces an earlier one of the same caption (onOpen runs again on each open). */
  override addToUi(): void {
    const { env } = this;
    env.call('Menu.addToUi', 'sheets', NEEDS_MENU);
    const menu = structuredClone(this.spec);
    if (this.isAddonMenu) {
      env.state.ui.addonMenu = menu;
      return;
    }
    const menus = env.state.ui.menus;
    const existing = menus.findIndex((m) => m.caption === menu.caption);
    if (existing >= 0) menus[existing] = menu;
    else menus.push(menu);
  }
}

class FakePromptResponse extends PromptResponseStub implements GoogleAppsScript.Base.PromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: ButtonName,
  ) {
    super();
  }

  override getResponseText(): string {
    return this.text;
  }

  override getSelectedButton(): GoogleAppsScript.Base.Button {
    return asEnum(this.button);
  }
}

interface DialogText {
  title: string;
  prompt: string;
  buttons: ButtonSetName;
}

/** alert/prompt overloads: (prompt), (prompt, buttons), (title, prompt, buttons). */
function dialogText(member: string, args: unknown[]): DialogText {
  const [first, second, third] = args;
  const parsed =
    args.length === 1
      ? { title: '', prompt: first, buttons: 'OK' }
      : args.length === 2
        ? { title: '', prompt: first, buttons: second }
        : args.length === 3
          ? { title: first, prompt: second, buttons: third }
          : null;
  if (!parsed || typeof parsed.title !== 'string' || typeof parsed.prompt !== 'string') {
    throw signatureMismatch(member, args);
  }
  if (!isMember(BUTTON_SET, parsed.buttons)) throw signatureMismatch(member, args);
  return { title: parsed.title, prompt: parsed.prompt, buttons: parsed.buttons };
}

class FakeUi extends UiStub implements GoogleAppsScript.Base.Ui {
  constructor(private readonly env: ExecutionEnv) {
    super();
  }

  override get Button(): typeof GoogleAppsScript.Base.Button {
    return asEnum(BUTTON);
  }

  override get ButtonSet(): typeof GoogleAppsScript.Base.ButtonSet {
    return asEnum(BUTTON_SET);
  }

  override createMenu(caption: unknown): FakeMenu {
    this.env.call('Ui.createMenu', 'local', NEEDS_MENU);
    if (typeof caption !== 'string') throw signatureMismatch('Ui.createMenu', [caption]);
    return new FakeMenu(this.env, { caption, items: [] }, false);
  }

  override createAddonMenu(): FakeMenu {
    this.env.call('Ui.createAddonMenu', 'local', NEEDS_MENU);
    return new FakeMenu(this.env, { caption: ADDON_MENU_CAPTION, items: [] }, true);
  }

  override showSidebar(userInterface: unknown): void {
    this.env.call('Ui.showSidebar', 'sheets', NEEDS_DIALOG);
    if (!(userInterface instanceof FakeHtmlOutput)) throw signatureMismatch('Ui.showSidebar', [userInterface]);
    const page = userInterface.snapshot();
    this.env.output.shown.push({ kind: 'sidebar', ...page, width: SIDEBAR_WIDTH });
  }

  override showModalDialog(userInterface: unknown, title: unknown): void {
    this.presentDialog('modal', 'Ui.showModalDialog', userInterface, title);
  }

  override showModelessDialog(userInterface: unknown, title: unknown): void {
    this.presentDialog('modeless', 'Ui.showModelessDialog', userInterface, title);
  }

  private presentDialog(kind: 'modal' | 'modeless', member: string, userInterface: unknown, title: unknown): void {
    this.env.call(member, 'sheets', NEEDS_DIALOG);
    if (!(userInterface instanceof FakeHtmlOutput) || typeof title !== 'string') {
      throw signatureMismatch(member, [userInterface, title]);
    }
    this.env.output.shown.push({ kind, ...userInterface.snapshot(), title });
  }

  /** Asks the emulated person; any button of the set, or CLOSE (the dialog's ×), is an answer. */
  private ask(dialog: DialogText, isPrompt: boolean): { button: ButtonName; text: string } {
    const answer = this.env.respond({ ...dialog, isPrompt });
    const allowed = [...dialog.buttons.split('_'), 'CLOSE'];
    if (!isMember(BUTTON, answer.button) || !allowed.includes(answer.button)) {
      throw new Error(`UiResponder answered ${answer.button} to a dialog with buttons ${dialog.buttons}`);
    }
    const text = isPrompt ? (answer.text ?? '') : '';
    this.env.output.alerts.push({ ...dialog, answer: answer.button, ...(isPrompt && { text }) });
    return { button: answer.button, text };
  }

  override alert(...args: unknown[]): GoogleAppsScript.Base.Button {
    this.env.call('Ui.alert', 'sheets', NEEDS_DIALOG);
    return asEnum(this.ask(dialogText('Ui.alert', args), false).button);
  }

  override prompt(...args: unknown[]): FakePromptResponse {
    this.env.call('Ui.prompt', 'sheets', NEEDS_DIALOG);
    const { button, text } = this.ask(dialogText('Ui.prompt', args), true);
    return new FakePromptResponse(text, button);
  }
}

export function createUi(env: ExecutionEnv): GoogleAppsScript.Base.Ui {
  return new FakeUi(env);
}
