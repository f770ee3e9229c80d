/**
 * The SpreadsheetApp enums, as name-string enums like every enum of the emulator (see
 * ../core/enums: a name string prints, compares and persists as an Apps Script enum does).
 */
import { enumOf } from '../core/enums';

export const DATA_VALIDATION_CRITERIA = enumOf(
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
);
export type DataValidationCriteriaName = keyof typeof DATA_VALIDATION_CRITERIA;

/** Every one of them is evaluated by the sandbox view (Book.conditionHolds). */
export const BOOLEAN_CRITERIA = enumOf(
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
);
export type BooleanCriteriaName = keyof typeof BOOLEAN_CRITERIA;

export const RELATIVE_DATE = enumOf('TODAY', 'TOMORROW', 'YESTERDAY', 'PAST_WEEK', 'PAST_MONTH', 'PAST_YEAR');
export const PROTECTION_TYPE = enumOf('RANGE', 'SHEET');
/** How often volatile functions (NOW, TODAY) recalculate besides on a change. */
export const RECALCULATION_INTERVAL = enumOf('ON_CHANGE', 'MINUTE', 'HOUR');
export const WRAP_STRATEGY = enumOf('WRAP', 'OVERFLOW', 'CLIP');
export const BORDER_STYLE = enumOf('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE');
export const DEVELOPER_METADATA_VISIBILITY = enumOf('DOCUMENT', 'PROJECT');
export const DEVELOPER_METADATA_LOCATION_TYPE = enumOf('SPREADSHEET', 'SHEET', 'ROW', 'COLUMN');
export const DIMENSION = enumOf('COLUMNS', 'ROWS');
