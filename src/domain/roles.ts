/**
 * Reading a role from what a person or an older version wrote in the Settings tab's team section.
 */
import { t, type Lang } from './i18n';
import { ROLES, type Role } from './model';

const LANGS: readonly Lang[] = ['ru', 'en'];

/**
 * What Settings tabs written before `leader` was renamed `team_leader` may hold: the old code and
 * its old labels. The role is the leader of a sales team, who gets the team's zones of growth
 * (docs/product.md, Users); "leader" alone was too easily read as the CS lead.
 */
const FORMER: Readonly<Record<string, Role>> = {
  leader: 'team_leader',
  руководитель: 'team_leader',
};

const key = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Every spelling of each role: its code, its label in each language, and former names. */
const SPELLINGS: ReadonlyMap<string, Role> = new Map<string, Role>([
  ...ROLES.flatMap((role) =>
    [role, ...LANGS.map((lang) => t(lang, `role.${role}`))].map((s) => [key(s), role] as const),
  ),
  ...Object.entries(FORMER),
]);

/**
 * The role a Settings cell names, by code or by label in either language, in any case; a former
 * name reads as the role it became. Anything else comes back as written (lowercased) for the
 * settings validation to report at its cell.
 */
export function parseRole(cell: string): Role {
  return SPELLINGS.get(key(cell)) ?? (cell.trim().toLowerCase() as Role);
}
