/**
 * The chat tools' input schemas in package.json against the OpenAPI document: a tool that reads one
 * operation takes exactly that operation's parameters, with the same types and enums, and no
 * maximum, minimum or length beyond the document's. The tools' own input checks (toolInputs.ts)
 * accept what the schemas offer and refuse the rest. When the API's description changes, this
 * fails until the tools follow.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInContract, type ApiContract, type ContractOperation, type ContractParameter } from '../../../../src/core/api/contract/apiContract';
import { matchOperation } from '../../../../src/core/api/contract/operationMatch';
import { checkApiGet, checkListAgents, checkSearchLeads, toolInputRules, type Checked, type ToolInputRules } from '../../../../src/core/chat/toolInputs';

interface ToolProperty {
  type: string;
  enum?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

interface Tool {
  name: string;
  modelDescription: string;
  inputSchema: { properties: Record<string, ToolProperty>; required?: string[] };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
const tools: Tool[] = manifest.contributes.languageModelTools;

/** The operation each tool reads; boomtown_apiGet reads any GET of the document, by path. */
const TOOL_OPERATIONS: Record<string, string | 'any GET'> = {
  boomtown_searchLeads: 'GET /v1/leads',
  boomtown_getLead: 'GET /v1/leads/{id}',
  boomtown_listAgents: 'GET /v1/agents',
  boomtown_apiGet: 'any GET',
};

/** The runtime check of each tool's input, as the tool runner calls it (with the rules it reads from the document). */
const INPUT_CHECKS: Record<string, (input: unknown, rules: ToolInputRules) => Checked<unknown>> = {
  boomtown_searchLeads: checkSearchLeads,
  boomtown_listAgents: checkListAgents,
};

describe('chat tool input schemas agree with the OpenAPI document', () => {
  let contract: ApiContract;
  before(async () => {
    contract = await builtInContract();
  });

  function operationOf(tool: string): ContractOperation {
    const [method, path] = TOOL_OPERATIONS[tool].split(' ');
    const operation = contract.operations.find((candidate) => candidate.method === method && candidate.path === path);
    assert.ok(operation, `${tool} reads ${TOOL_OPERATIONS[tool]}, which the document does not have`);
    return operation;
  }

  it('every tool in package.json is mapped to the operation it reads', () => {
    assert.deepEqual(tools.map((tool) => tool.name).sort(), Object.keys(TOOL_OPERATIONS).sort());
  });

  for (const toolName of Object.keys(TOOL_OPERATIONS).filter((name) => TOOL_OPERATIONS[name] !== 'any GET')) {
    it(`${toolName}: the same parameter names, types and enums, limits within the document's`, () => {
      const tool = tools.find((candidate) => candidate.name === toolName);
      assert.ok(tool, `${toolName} is not in package.json`);
      const operation = operationOf(toolName);
      const properties = tool.inputSchema.properties;
      assert.deepEqual(Object.keys(properties).sort(), operation.parameters.map((parameter) => parameter.name).sort(), 'parameter names');
      for (const parameter of operation.parameters) {
        const property = properties[parameter.name];
        const where = `${toolName}.${parameter.name}`;
        assert.equal(property.type, parameter.type, `${where} type`);
        assert.deepEqual([...(property.enum ?? [])].sort(), [...(parameter.enum ?? [])].sort(), `${where} enum`);
        assert.equal(tool.inputSchema.required?.includes(parameter.name) ?? false, parameter.required, `${where} required`);
        assertWithin(where, property, parameter);
      }
    });
  }

  it("boomtown_apiGet's examples are paths of the document, with its parameter names and values", () => {
    const tool = tools.find((candidate) => candidate.name === 'boomtown_apiGet');
    assert.ok(tool);
    const examples = tool.modelDescription.match(/\/v1\/[^\s,]*[^\s,.]/g) ?? [];
    assert.ok(examples.length >= 4, `examples found: ${examples.join(' ')}`);
    for (const example of examples) {
      const match = matchOperation(contract.operations, 'GET', example);
      assert.ok(match, `${example} is no operation of the document`);
      for (const [name, value] of new URL(example, 'https://api.invalid').searchParams) {
        const parameter = match.operation.parameters.find((candidate) => candidate.in === 'query' && candidate.name === name);
        assert.ok(parameter, `${example}: ${match.operation.path} takes no "${name}"`);
        if (parameter.enum) assert.ok(parameter.enum.includes(value), `${example}: ${name}=${value} is not one of ${parameter.enum.join(', ')}`);
        if (parameter.maximum !== undefined) assert.ok(Number(value) <= parameter.maximum, `${example}: ${name} above ${parameter.maximum}`);
      }
      assert.ok(checkApiGet({ path: example }, 'https://api.boomtownroi.com').ok, `${example} is refused by the tool's own check`);
    }
  });

  for (const [toolName, checkToolInput] of Object.entries(INPUT_CHECKS)) {
    it(`${toolName}'s input check accepts every enum value and limit the schema offers, and refuses the next`, () => {
      const tool = tools.find((candidate) => candidate.name === toolName);
      assert.ok(tool);
      const rules = toolInputRules(contract);
      const checkInput = (input: unknown) => checkToolInput(input, rules);
      for (const [name, property] of Object.entries(tool.inputSchema.properties)) {
        for (const value of property.enum ?? []) assert.ok(checkInput({ [name]: value }).ok, `${name}=${value} refused`);
        if (property.enum) assert.equal(checkInput({ [name]: 'not-in-the-enum' }).ok, false, `${name} outside the enum accepted`);
        if (property.maximum !== undefined) {
          assert.ok(checkInput({ [name]: property.maximum }).ok, `${name}=${property.maximum} refused`);
          assert.equal(checkInput({ [name]: property.maximum + 1 }).ok, false, `${name} above the maximum accepted`);
        }
        if (property.minimum !== undefined) assert.equal(checkInput({ [name]: property.minimum - 1 }).ok, false, `${name} below the minimum accepted`);
        if (property.maxLength !== undefined) assert.equal(checkInput({ [name]: 'x'.repeat(property.maxLength + 1) }).ok, false, `${name} longer than maxLength accepted`);
      }
    });
  }
});

/** A tool may ask for less than the API allows (50 leads, not 100), never more; a default must be a value the API takes. */
function assertWithin(where: string, property: ToolProperty, parameter: ContractParameter): void {
  if (parameter.maximum !== undefined) {
    assert.ok(property.maximum !== undefined && property.maximum <= parameter.maximum, `${where} maximum ${property.maximum} exceeds the document's ${parameter.maximum}`);
  }
  if (parameter.minimum !== undefined) {
    assert.ok(property.minimum !== undefined && property.minimum >= parameter.minimum, `${where} minimum ${property.minimum} below the document's ${parameter.minimum}`);
  }
  if (parameter.maxLength !== undefined) {
    assert.ok(property.maxLength !== undefined && property.maxLength <= parameter.maxLength, `${where} maxLength ${property.maxLength} exceeds the document's ${parameter.maxLength}`);
  }
  if (property.default === undefined) return;
  if (parameter.enum) assert.equal(property.default, parameter.default, `${where} default differs from the API's`);
  if (typeof property.default === 'number') {
    assert.ok(parameter.minimum === undefined || property.default >= parameter.minimum, `${where} default below the document's minimum`);
    assert.ok(parameter.maximum === undefined || property.default <= parameter.maximum, `${where} default above the document's maximum`);
  }
}
