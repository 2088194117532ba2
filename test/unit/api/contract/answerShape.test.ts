import assert from 'node:assert/strict';
import { answerShape } from '../../../../src/core/api/contract/answerShape';

const schemas = {
  Lead: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, emails: { type: 'array', items: { $ref: '#/components/schemas/Email' } } } },
  // No `type`: properties alone make it an object.
  Email: { properties: { address: { type: ['string', 'null'] } } },
  Anything: true,
};
const root = { components: { schemas } };

describe('answer shapes', () => {
  it('names the schemas the body mentions, one line each; arrays by items alone; nullable members and types skipped', () => {
    const body = {
      type: 'object',
      properties: {
        data: { items: { $ref: '#/components/schemas/Lead' } },
        note: { oneOf: [{ type: 'null' }, { type: 'string' }] },
        tags: { items: { type: 'string' } },
      },
    };
    assert.equal(answerShape(root, body), '{ data?: Lead[], note?, tags?: string[] }\nLead: { id, emails?: Email[] }');
  });

  it('a schema it cannot read is unknown; one without a type is any', () => {
    assert.equal(answerShape(root, { $ref: '#/components/schemas/Nope' }), 'unknown');
    assert.equal(answerShape(root, true), 'unknown');
    assert.equal(answerShape(root, { type: 'object', properties: { free: { $ref: '#/components/schemas/Anything' } } }), '{ free? }', 'a boolean schema gets no line of its own');
    assert.equal(answerShape(root, { description: 'whatever the server sends' }), 'any');
    assert.equal(answerShape(root, { type: ['null'] }), 'any');
    assert.equal(answerShape(root, { oneOf: [{ type: 'null' }] }), 'any', 'only null members: the schema itself');
    assert.equal(answerShape(root, { type: ['integer', 'null'] }), 'integer');
  });

  it('stays short: deep objects fold, long property lists and many named schemas are cut', () => {
    const deep = { properties: { a: { properties: { b: { properties: { c: { properties: { d: { type: 'string' } } } } } } } } };
    assert.equal(answerShape(root, deep), '{ a?: { b?: { c?: { … } } } }');

    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`p${index}`, { type: 'string' }])) };
    const fields = answerShape(root, wide).slice(2, -2).split(', ');
    assert.equal(fields.length, 25);
    assert.deepEqual([fields[0], fields[23], fields[24]], ['p0?', 'p23?', '…']);

    const many = Object.fromEntries(Array.from({ length: 9 }, (_, index) => [`S${index}`, { type: 'object', properties: { id: { type: 'string' } } }]));
    const body = { type: 'object', properties: Object.fromEntries(Object.keys(many).map((name) => [name.toLowerCase(), { $ref: `#/components/schemas/${name}` }])) };
    const lines = answerShape({ components: { schemas: many } }, body).split('\n');
    assert.deepEqual(lines.slice(1), ['S0: { id? }', 'S1: { id? }', 'S2: { id? }', 'S3: { id? }', 'S4: { id? }', 'S5: { id? }'], 'the body and six named schemas');
  });
});
