/** Small builders for API test data: a lead, a page, an error body. Override only what a test is about. */
let sequence = 0;

export function aLead(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence++;
  return {
    id: `L-${sequence}`,
    firstName: 'Ada',
    lastName: `Nguyen${sequence}`,
    emails: [{ value: `ada${sequence}@example.com`, type: 'personal', isPrimary: true }],
    phones: [{ value: '+1 843 555 0100', type: 'mobile' }],
    stage: 'new',
    source: 'Zillow',
    tags: [],
    ...overrides,
  };
}

/** Leads with ids L-<start>… in order, so tests can check order and completeness. */
export function numberedLeads(count: number, start = 1): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, index) => aLead({ id: `L-${start + index}` }));
}

export function aPage(data: unknown[], metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return { data, _metadata: { offset: 0, limit: 25, total: data.length, ...metadata } };
}

export function anErrorBody(code: string, message: string): Record<string, unknown> {
  return { error: { code, message } };
}
