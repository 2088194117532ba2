/** The people who sign in (users) and the agents leads are assigned to. */
import type { SandboxUser } from '../types';
import { Random, deriveSeed } from './random';
import { FIRST_NAMES, LAST_NAMES } from './words';

export const TEAM_ID = 'T-1';
/** The team that owns the one lead nobody signed in to the sandbox may see (see FOREIGN_TEAM_LEAD_ID). */
export const OTHER_TEAM_ID = 'T-2';

/** The first three users are fixed so tests can name them; user 3 has no email, so clients must fall back to the name. */
const FIXED_USERS: ReadonlyArray<Omit<SandboxUser, 'teamId'>> = [
  { id: 'u_1', email: 'ada.nguyen@boomtown-sandbox.example', firstName: 'Ada', lastName: 'Nguyen' },
  { id: 'u_2', email: 'marcus.bell@boomtown-sandbox.example', firstName: 'Marcus', lastName: 'Bell' },
  { id: 'u_3', email: null, firstName: 'Priya', lastName: 'Raman' },
];

export function makeUsers(count: number, seed: number): SandboxUser[] {
  const random = new Random(deriveSeed(seed, 0x05e5));
  const users: SandboxUser[] = [];
  for (let index = 0; index < count; index++) {
    const fixed = FIXED_USERS[index];
    if (fixed) {
      users.push({ ...fixed, teamId: TEAM_ID });
      continue;
    }
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    users.push({ id: `u_${index + 1}`, email: `${emailLocal(firstName, lastName)}.${index + 1}@boomtown-sandbox.example`, firstName, lastName, teamId: TEAM_ID });
  }
  return users;
}

export interface Agent {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

export const AGENT_COUNT = 12;

export function makeAgents(seed: number): Agent[] {
  const random = new Random(deriveSeed(seed, 0xa6e7));
  return Array.from({ length: AGENT_COUNT }, (_, index) => {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    return { id: `A-${index + 1}`, firstName, lastName, email: `${emailLocal(firstName, lastName)}@lowcountryhomes.example` };
  });
}

export function emailLocal(firstName: string, lastName: string): string {
  return `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
}
