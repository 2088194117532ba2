import assert from 'node:assert/strict';
import { pointerOf, resolveRef, valueAt } from '../../../../src/core/api/contract/jsonPointer';

const root = {
  paths: { '/v1/leads': { get: { tags: ['Leads', 'Search'] } } },
  components: { schemas: { 'a~b': { type: 'string' }, Lead: { $ref: '#/components/schemas/Person' }, Person: { type: 'object' } } },
};

describe('JSON pointers into an OpenAPI document', () => {
  it('valueAt: the whole document for "", escaped segments, list indexes, undefined for a missing step', () => {
    assert.equal(valueAt(root, ''), root);
    assert.deepEqual(valueAt(root, pointerOf('paths', '/v1/leads', 'get', 'tags', 1)), 'Search');
    assert.equal(pointerOf('components', 'schemas', 'a~b'), '/components/schemas/a~0b');
    assert.deepEqual(valueAt(root, '/components/schemas/a~0b'), { type: 'string' });
    assert.equal(valueAt(root, '/paths/~1v1~1leads/get/tags/first'), undefined, 'a list has no named step');
    assert.equal(valueAt(root, '/paths/~1v1~1leads/get/tags/0/length'), undefined, 'a string has no steps');
    assert.equal(valueAt(root, '/components/toString'), undefined, "an object's inherited keys are not the document's");
  });

  it('resolveRef follows local references and keeps the last name; a value without $ref is itself', () => {
    assert.deepEqual(resolveRef(root, { $ref: '#/components/schemas/Lead' }), { ok: true, value: { type: 'object' }, name: 'Person' });
    assert.deepEqual(resolveRef(root, { $ref: '#/components/schemas/a~0b' }), { ok: true, value: { type: 'string' }, name: 'a~b' });
    assert.deepEqual(resolveRef(root, { $ref: '#/components/schemas/a%7E0b' }), { ok: true, value: { type: 'string' }, name: 'a~b' }, 'the fragment is URI-decoded');
    assert.deepEqual(resolveRef(root, 'plain'), { ok: true, value: 'plain' });
  });

  it('resolveRef: a reference it cannot follow is a problem that says why', () => {
    assert.deepEqual(resolveRef(root, { $ref: 7 }), { ok: false, problem: '$ref must be a string' });
    assert.deepEqual(resolveRef(root, { $ref: '#/components/%E0%A4%A' }), { ok: false, problem: '$ref "#/components/%E0%A4%A" is not a valid URI fragment' });
    assert.deepEqual(resolveRef(root, { $ref: '#components/schemas/Lead' }), { ok: false, problem: '$ref "#components/schemas/Lead" is not a JSON pointer' });
    assert.deepEqual(resolveRef(root, { $ref: '#/components/schemas/Nope' }), { ok: false, problem: '$ref "#/components/schemas/Nope" points to nothing' });
  });
});
