/**
 * Developer metadata on the spreadsheet, a sheet, or a whole row or column, and the finder that
 * searches it. There is one script project in the emulator, so PROJECT metadata is always visible.
 * getLocation and the move* members are not modeled.
 * https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata
 */
import { gasError } from '../core/errors';
import { DeveloperMetadataFinderStub, DeveloperMetadataStub } from '../generated/stubs';
import { asEnum, isMember } from '../core/enums';
import type { SheetsContext } from './context';
import { DEVELOPER_METADATA_LOCATION_TYPE, DEVELOPER_METADATA_VISIBILITY } from './enums';
import type { DeveloperMetadataSpec, GridRect, MetadataLocation, SheetState } from '../core/spreadsheet-state';

export class FakeDeveloperMetadata
  extends DeveloperMetadataStub
  implements GoogleAppsScript.Spreadsheet.DeveloperMetadata
{
  constructor(
    private readonly context: SheetsContext,
    private readonly metadataId: number,
  ) {
    super();
  }

  private spec(member: string): DeveloperMetadataSpec {
    this.context.call(`DeveloperMetadata.${member}`);
    const spec = this.context.state.developerMetadata.find((m) => m.id === this.metadataId);
    if (!spec) throw gasError('The developer metadata was removed.');
    return spec;
  }

  override getId(): number {
    return this.spec('getId').id;
  }

  override getKey(): string {
    return this.spec('getKey').key;
  }

  override getValue(): string | null {
    return this.spec('getValue').value;
  }

  override getVisibility(): GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility {
    return asEnum<GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility>(this.spec('getVisibility').visibility);
  }

  override setKey(key: string): this {
    this.spec('setKey').key = String(key);
    return this;
  }

  override setValue(value: string): this {
    this.spec('setValue').value = String(value);
    return this;
  }

  override setVisibility(visibility: unknown): this {
    this.spec('setVisibility').visibility = String(visibility);
    return this;
  }

  override remove(): void {
    this.spec('remove');
    this.context.state.developerMetadata = this.context.state.developerMetadata.filter((m) => m.id !== this.metadataId);
  }
}

/**
 * addDeveloperMetadata(key), (key, visibility), (key, value), (key, value, visibility): a second
 * argument naming a visibility (DOCUMENT, PROJECT) is the visibility.
 */
export function addDeveloperMetadata(
  context: SheetsContext,
  location: MetadataLocation,
  key: unknown,
  second?: unknown,
  third?: unknown,
): void {
  const secondIsVisibility = third === undefined && isMember(DEVELOPER_METADATA_VISIBILITY, second);
  const value = secondIsVisibility || second === undefined || second === null ? null : String(second);
  const visibility = secondIsVisibility ? String(second) : third === undefined ? 'DOCUMENT' : String(third);
  if (!isMember(DEVELOPER_METADATA_VISIBILITY, visibility))
    throw gasError(`Invalid argument: visibility (${visibility})`);
  context.state.developerMetadata.push({ id: context.nextObjectId(), key: String(key), value, visibility, location });
}

/** Where a finder looks: the whole spreadsheet, one sheet, or the cells of a rectangle. */
export type MetadataScope =
  { kind: 'spreadsheet' } | { kind: 'sheet'; sheetId: number } | { kind: 'range'; sheet: SheetState; rect: GridRect };

function inScope(location: MetadataLocation, scope: MetadataScope): boolean {
  switch (scope.kind) {
    case 'spreadsheet':
      return true;
    case 'sheet':
      return location.type !== 'SPREADSHEET' && location.sheetId === scope.sheetId;
    case 'range': {
      // Row or column metadata is in a range's scope only if the range wholly contains that line.
      const { sheet, rect } = scope;
      if (location.type === 'ROW') {
        return (
          location.sheetId === sheet.id &&
          rect.left === 1 &&
          rect.right === sheet.maxColumns &&
          location.index >= rect.top &&
          location.index <= rect.bottom
        );
      }
      if (location.type === 'COLUMN') {
        return (
          location.sheetId === sheet.id &&
          rect.top === 1 &&
          rect.bottom === sheet.maxRows &&
          location.index >= rect.left &&
          location.index <= rect.right
        );
      }
      return false;
    }
  }
}

export class FakeDeveloperMetadataFinder
  extends DeveloperMetadataFinderStub
  implements GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder
{
  private readonly filters: Array<(spec: DeveloperMetadataSpec) => boolean> = [];

  constructor(
    private readonly context: SheetsContext,
    private readonly scope: MetadataScope,
  ) {
    super();
  }

  private where(member: string, filter: (spec: DeveloperMetadataSpec) => boolean): this {
    this.context.local(`DeveloperMetadataFinder.${member}`);
    this.filters.push(filter);
    return this;
  }

  override withId(id: number): this {
    return this.where('withId', (spec) => spec.id === id);
  }

  override withKey(key: string): this {
    return this.where('withKey', (spec) => spec.key === key);
  }

  override withValue(value: string): this {
    return this.where('withValue', (spec) => spec.value === value);
  }

  override withVisibility(visibility: unknown): this {
    return this.where('withVisibility', (spec) => spec.visibility === String(visibility));
  }

  override withLocationType(locationType: unknown): this {
    if (!isMember(DEVELOPER_METADATA_LOCATION_TYPE, String(locationType))) {
      throw gasError(`Invalid argument: locationType (${String(locationType)})`);
    }
    return this.where('withLocationType', (spec) => spec.location.type === String(locationType));
  }

  override find(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    this.context.call('DeveloperMetadataFinder.find');
    return findMetadata(
      this.context,
      (spec) => inScope(spec.location, this.scope) && this.filters.every((f) => f(spec)),
    );
  }
}

export function findMetadata(
  context: SheetsContext,
  matches: (spec: DeveloperMetadataSpec) => boolean,
): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
  return context.state.developerMetadata.filter(matches).map((spec) => new FakeDeveloperMetadata(context, spec.id));
}
