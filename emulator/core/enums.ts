/**
 * Apps Script enums. A real enum value is an object whose toString() is its name: it prints, joins
 * and JSON-encodes as the name and is compared by identity. The fakes use the name strings, which
 * behave the same in all of those (and survive persisting in the emulator state). The
 * @types/google-apps-script typings declare them as numeric TypeScript enums, hence `asEnum`.
 */

export type EnumOf<Name extends string> = Readonly<{ [K in Name]: K }>;

export function enumOf<Name extends string>(...names: Name[]): EnumOf<Name> {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as EnumOf<Name>;
}

/** Presents a name-string enum as the typings' enum type (see the note at the top). */
export function asEnum<Typed>(value: EnumOf<string> | string): Typed {
  return value as unknown as Typed;
}

export const AUTH_MODE = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
export const AUTHORIZATION_STATUS = enumOf('REQUIRED', 'NOT_REQUIRED');
export const EVENT_TYPE = enumOf('CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED');
export const TRIGGER_SOURCE = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');
export const WEEKDAY = enumOf('SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY');
export type WeekdayName = keyof typeof WEEKDAY;

export const BUTTON = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export type ButtonName = keyof typeof BUTTON;
export const BUTTON_SET = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
export type ButtonSetName = keyof typeof BUTTON_SET;

export const SANDBOX_MODE = enumOf('EMULATED', 'IFRAME', 'NATIVE');
export const XFRAME_OPTIONS_MODE = enumOf('ALLOWALL', 'DEFAULT');

export const CHARSET = enumOf('US_ASCII', 'UTF_8');
export const DIGEST_ALGORITHM = enumOf('MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512');

/** Whether `value` is one of the enum's names (how a fake validates an enum argument). */
export function isMember<Name extends string>(enumeration: EnumOf<Name>, value: unknown): value is Name {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(enumeration, value);
}
