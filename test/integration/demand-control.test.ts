/**
 * Demand control: the gateway estimates what an operation asks for — objects, multiplied by the
 * sizes of the lists they are in (the supergraph's `@listSize`, or `first` when given) — and
 * refuses one over LIMIT_MAX_COST before planning it, with COST_ESTIMATED_TOO_EXPENSIVE, the
 * estimate and the limit. What the dashboard and the reports ask stays well inside.
 */
import { parse, type OperationDefinitionNode } from 'graphql';
import { ApolloGateway } from '@apollo/gateway';
import { estimateCost, listSizesOf, readSupergraph } from '@kongchuo/gateway';
import { gql } from '../support/client';

const LIMIT = 250_000;
let cost: (query: string, variables?: Record<string, unknown>) => number;

beforeAll(async () => {
  const sdl = readSupergraph();
  const gateway = new ApolloGateway({ supergraphSdl: sdl });
  const { schema } = await gateway.load();
  await gateway.stop();
  const sizes = listSizesOf(sdl);
  cost = (query, variables = {}) => {
    const doc = parse(query);
    return estimateCost(schema, sizes, doc, doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!, variables);
  };
});

describe('the estimate', () => {
  it('counts each object once and a scalar not at all', () => {
    expect(cost('{ districtOverview(year: 2018) { stillOut returned } }')).toBe(1);
    expect(cost('{ student(id: "x") { name enrollment { status school { name } } } }')).toBe(3);
  });

  it('multiplies a page by first, given or from a variable, and by its default page when not given', () => {
    expect(cost('{ students(first: 10) { nodes { name } } }')).toBe(1 + 10);
    expect(cost('query($n: Int) { students(first: $n) { nodes { name } } }', { n: 200 })).toBe(1 + 200);
    expect(cost('{ students { nodes { name } } }')).toBe(1 + 50);
  });

  it('multiplies lists inside lists', () => {
    // meetings are assumed 50 to a district, each with up to 2,000 tasks
    expect(cost('{ meetings { tasks { id } } }')).toBe(50 * (1 + 2000));
    expect(cost('{ meetings { tasks { meeting { tasks { id } } } } }')).toBe(50 * (1 + 2000 * (1 + 1 * (1 + 2000))));
  });

  it('adds ten for each mutation', () => {
    expect(cost('mutation { runCrossCheck { id } }')).toBe(10 + 1);
  });

  it('follows fragments, named and inline', () => {
    expect(cost('query { students(first: 4) { nodes { ...F } } } fragment F on Student { enrollment { school { name } } }')).toBe(1 + 4 * (1 + 2));
    expect(cost('query { students(first: 4) { nodes { ... on Student { enrollment { status } } } } }')).toBe(1 + 4 * 2);
  });
});

describe('through the gateway', () => {
  it('refuses the nested-list bomb before it runs, naming the estimate and the limit', async () => {
    const r = await gql('{ meetings { tasks { meeting { tasks { meeting { tasks { meeting { tasks { student { name } } } } } } } } } }', {}, { as: 'joint-meeting' });
    expect(r.status).toBe(400);
    expect(r.data).toBeUndefined();
    expect(r.errors![0].extensions).toMatchObject({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', limit: LIMIT });
    expect(r.errors![0].message).toMatch(/estimated cost [\d,]+ exceeds the limit of 250,000/);
  });

  it('prices first from the request\'s variables', async () => {
    const query = 'query($n: Int) { students(first: $n) { nodes { tasks { meeting { tasks { id } } } } } }';
    const small = await gql(query, { n: 1 }, { as: 'joint-meeting' });
    expect(small.errors ?? []).toEqual([]);
    const big = await gql(query, { n: 100 }, { as: 'joint-meeting' });
    expect(big.errors![0].extensions!.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
  });

  it('answers what the dashboard and the reports ask, well inside the limit', async () => {
    // the heaviest reads first-party clients send: the task board, the overview's case list, a page of the unified list
    const TASKS = '{ tasks { id type status version assignedDepartment dueDate overdue note evidenceId student { id } history { date user department action note } } }';
    const CASES = '{ dropoutCases(first: 500) { nodes { status outcome closedOn discoveredOn reasons school { name } student { isMigrant hukou { regionName } } } } }';
    const LIST = '{ students(first: 500) { nodes { name enrollment { status school { name } } hukou { regionName } guardians { name phone } poverty { registered } community { name } homeVisits { date } tasks { status } } } }';
    for (const q of [TASKS, CASES, LIST]) {
      expect(cost(q)).toBeLessThan(LIMIT / 4);
      const r = await gql(q, {}, { as: 'joint-meeting' });
      expect((r.errors ?? []).filter((e) => e.extensions?.code === 'COST_ESTIMATED_TOO_EXPENSIVE')).toEqual([]);
    }
  });
});

describe('a page longer than any department serves', () => {
  it('is priced at the longest page (5,000), so the department names `first` in its refusal', async () => {
    expect(cost('{ students(first: 100000) { nodes { name } } }')).toBe(1 + 5000);
    const r = await gql('{ students(first: 100000) { nodes { name } } }');
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
