/**
 * Protected sheets and ranges (Sheet.protect, Range.protect). Stored as ProtectionSpecs on their
 * sheet. They never block a script (a script runs as someone allowed to edit, and the owner can
 * edit everything); they block people editing in the sandbox (editCellAsUser) unless the
 * protection is warning-only or the person is one of its editors.
 * https://developers.google.com/apps-script/reference/spreadsheet/protection
 */
import { gasError } from '../core/errors';
import { ProtectionStub } from '../generated/stubs';
import { asEnum } from '../core/enums';
import { UNBOUNDED } from './a1';
import { emailOf, locationOf, type SheetsContext } from './context';
import type { GridRect, ProtectionSpec } from '../core/spreadsheet-state';

export class FakeProtection extends ProtectionStub implements GoogleAppsScript.Spreadsheet.Protection {
  constructor(
    private readonly context: SheetsContext,
    private readonly sheetId: number,
    private readonly protectionId: number,
  ) {
    super();
  }

  toString(): string {
    return 'Protection';
  }

  private spec(member: string): ProtectionSpec {
    this.context.call(`Protection.${member}`);
    const spec = this.context.sheetState(this.sheetId).protections.find((p) => p.id === this.protectionId);
    if (!spec) throw gasError('The protection was removed.');
    return spec;
  }

  /**
   * The editor list, made explicit the first time a script changes it: until then it mirrors
   * the spreadsheet's editors.
   */
  private explicitEditors(spec: ProtectionSpec): string[] {
    spec.editors ??= [this.context.state.owner, ...this.context.state.editors];
    return spec.editors;
  }

  private addEmails(member: string, emails: string[]): this {
    const editors = this.explicitEditors(this.spec(member));
    for (const email of emails) if (!editors.includes(email)) editors.push(email);
    return this;
  }

  /** Per the reference, "neither the owner of the spreadsheet nor the current user can be removed". */
  private removeEmails(member: string, emails: string[]): this {
    const spec = this.spec(member);
    const keep = new Set([this.context.state.owner, this.context.currentUser]);
    spec.editors = this.explicitEditors(spec).filter((email) => keep.has(email) || !emails.includes(email));
    return this;
  }

  override addEditor(user: unknown): this {
    return this.addEmails('addEditor', [emailOf(user)]);
  }

  override addEditors(emailAddresses: string[]): this {
    return this.addEmails('addEditors', emailAddresses.map(String));
  }

  override removeEditor(user: unknown): this {
    return this.removeEmails('removeEditor', [emailOf(user)]);
  }

  override removeEditors(users: unknown[]): this {
    return this.removeEmails('removeEditors', users.map(emailOf));
  }

  /** A warning-only protection has no editors: it lets everyone edit after a warning. */
  override getEditors(): GoogleAppsScript.Base.User[] {
    const spec = this.spec('getEditors');
    if (spec.warningOnly) return [];
    const editors = spec.editors ?? [this.context.state.owner, ...this.context.state.editors];
    return editors.map((email) => this.context.fakes.user(email));
  }

  override canEdit(): boolean {
    const spec = this.spec('canEdit');
    return this.context.book().isProtectionEditor(spec, this.context.currentUser);
  }

  override canDomainEdit(): boolean {
    return this.spec('canDomainEdit').domainEdit;
  }

  override setDomainEdit(editable: boolean): this {
    this.spec('setDomainEdit').domainEdit = Boolean(editable);
    return this;
  }

  override getDescription(): string {
    return this.spec('getDescription').description;
  }

  override setDescription(description: string): this {
    this.spec('setDescription').description = String(description);
    return this;
  }

  override isWarningOnly(): boolean {
    return this.spec('isWarningOnly').warningOnly;
  }

  override setWarningOnly(warningOnly: boolean): this {
    this.spec('setWarningOnly').warningOnly = Boolean(warningOnly);
    return this;
  }

  override getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return asEnum<GoogleAppsScript.Spreadsheet.ProtectionType>(this.spec('getProtectionType').type);
  }

  override getRange(): GoogleAppsScript.Spreadsheet.Range {
    const spec = this.spec('getRange');
    const sheet = this.context.sheetState(this.sheetId);
    if (spec.rect) return this.context.fakes.range(this.sheetId, spec.rect);
    // A sheet protection covers the whole grid and, having no edges of its own, no A1 notation.
    const rect: GridRect = { top: 1, left: 1, bottom: sheet.maxRows, right: sheet.maxColumns };
    return this.context.fakes.range(this.sheetId, rect, UNBOUNDED);
  }

  override setRange(range: unknown): this {
    const spec = this.spec('setRange');
    if (spec.type !== 'RANGE') throw gasError('Only a range protection can be moved to another range.');
    const location = locationOf(range, 'Protection.setRange');
    if (location.sheetId !== this.sheetId) throw gasError('A protection cannot be moved to another sheet.');
    spec.rect = { top: location.top, left: location.left, bottom: location.bottom, right: location.right };
    return this;
  }

  override getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.spec('getUnprotectedRanges').unprotected.map((rect) => this.context.fakes.range(this.sheetId, rect));
  }

  override setUnprotectedRanges(ranges: unknown[]): this {
    const spec = this.spec('setUnprotectedRanges');
    if (spec.type !== 'SHEET') throw gasError('Unprotected ranges can only be set on a sheet protection.');
    spec.unprotected = ranges.map((range) => {
      const location = locationOf(range, 'Protection.setUnprotectedRanges');
      if (location.sheetId !== this.sheetId) throw gasError('An unprotected range must be on the protected sheet.');
      return { top: location.top, left: location.left, bottom: location.bottom, right: location.right };
    });
    return this;
  }

  override remove(): void {
    this.spec('remove');
    const sheet = this.context.sheetState(this.sheetId);
    sheet.protections = sheet.protections.filter((p) => p.id !== this.protectionId);
  }
}

/** Sheet.protect() / Range.protect(): a new protection whose editors mirror the spreadsheet's. */
export function addProtection(context: SheetsContext, sheetId: number, rect: GridRect | null): FakeProtection {
  const spec: ProtectionSpec = {
    id: context.nextObjectId(),
    type: rect ? 'RANGE' : 'SHEET',
    unprotected: [],
    description: '',
    warningOnly: false,
    editors: null,
    domainEdit: false,
  };
  if (rect) spec.rect = { ...rect };
  context.sheetState(sheetId).protections.push(spec);
  return new FakeProtection(context, sheetId, spec.id);
}
