/**
 * Colors as Sheets reports them: lower-case '#rrggbb'. Apps Script accepts CSS notation ('#abc',
 * 'red'); the common CSS names are translated, anything else is kept as given (lower-cased).
 */

/** What getBackground / getFontColor return for a cell that was never colored. */
export const DEFAULT_BACKGROUND = '#ffffff';
export const DEFAULT_FONT_COLOR = '#000000';

const CSS_NAMES: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  purple: '#800080',
  magenta: '#ff00ff',
  cyan: '#00ffff',
  pink: '#ffc0cb',
  brown: '#a52a2a',
  maroon: '#800000',
  navy: '#000080',
  olive: '#808000',
  teal: '#008080',
};

export function normalizeColor(color: string): string {
  const lower = String(color).trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(lower);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return CSS_NAMES[lower] ?? lower;
}
