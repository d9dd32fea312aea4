import fs from 'node:fs';
import { buildSchema, type GraphQLEnumType, type GraphQLInputObjectType, type GraphQLObjectType } from 'graphql';
import { SUPERGRAPH_FILE } from '@kongchuo/gateway';
import { PERMISSIONS } from '@kongchuo/shared/policy';
import { API_SCHEMA_FILE, apiSchemaOf, composeCurrent } from '../../scripts/compose';

describe('the committed supergraph', () => {
  it('is what the subgraphs compose to today (run `npm run compose` when this fails)', async () => {
    expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(await composeCurrent());
  });

  it('and the committed API schema (dashboard/schema.graphql, which the dashboard\'s documents are generated against) is its API schema', () => {
    expect(fs.readFileSync(API_SCHEMA_FILE, 'utf8')).toBe(apiSchemaOf(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')));
  });

  it('keeps the names the outside relies on (docs/architecture.md#contract-with-the-outside)', () => {
    const schema = buildSchema(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'), { assumeValidSDL: true });
    const args = (field: { args: readonly { name: string; type: unknown }[] }) => Object.fromEntries(field.args.map((a) => [a.name, String(a.type)]));
    const query = schema.getQueryType()!.getFields();
    expect(String(query.student.type)).toBe('Student');
    expect(args(query.student)).toEqual({ id: 'ID!' });
    expect(String(query.students.type)).toBe('StudentConnection!');
    expect(args(query.students)).toEqual({ filter: 'StudentFilter', first: 'Int', after: 'String' });
    expect(String(query.districtOverview.type)).toBe('DistrictOverview!');
    expect(args(query.districtOverview)).toEqual({ year: 'Int!' });
    const connection = (schema.getType('StudentConnection') as GraphQLObjectType).getFields();
    expect(Object.keys(connection)).toEqual(expect.arrayContaining(['totalCount', 'nodes', 'pageInfo']));
    expect(Object.keys((schema.getType('PageInfo') as GraphQLObjectType).getFields())).toEqual(expect.arrayContaining(['hasNextPage', 'endCursor']));
    expect((schema.getType('StudentFilter') as GraphQLInputObjectType).getFields().enrollmentStatus).toBeDefined();
    expect((schema.getType('EnrollmentStatus') as GraphQLEnumType).getValues().map((v) => v.name)).toEqual(['ENROLLED', 'SUSPENDED', 'TRANSFERRED_OUT', 'DROPPED_OUT', 'GRADUATED', 'DECEASED']);
    expect(Object.keys((schema.getType('Student') as GraphQLObjectType).getFields())).toEqual(expect.arrayContaining(['id', 'name', 'idNumber', 'enrollment', 'dropoutCase']));
    const overview = (schema.getType('DistrictOverview') as GraphQLObjectType).getFields();
    expect(Object.keys(overview)).toEqual(expect.arrayContaining(['dropoutsFound', 'returned', 'stillOut', 'consolidationRate', 'consolidationTarget']));
  });

  it('shows who may read each field: @access from the permission matrix is composed into the supergraph', () => {
    const sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
    expect(sdl).toContain('@link(url: "https://specs.kongchuo.dev/access/v1.0", import: ["@access", "@callable"])');
    expect(sdl).toMatch(/idNumber: String [^\n]*@access\(owner: "education", allow: \["education", "public_security"\], mask: \["civil_affairs", "community", "joint_meeting"\], deny: \[\]\)/);
    expect(sdl).toMatch(/amount: Float [^\n]*@access\(owner: "civil_affairs", allow: \["civil_affairs", "joint_meeting"\]/);
  });

  it('shows who may call each operation: @callable from the operation rules is composed into the supergraph', () => {
    const schema = buildSchema(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'), { assumeValidSDL: true });
    const uncallable = ['Query', 'Mutation'].flatMap((t) =>
      Object.values((schema.getType(t) as GraphQLObjectType).getFields())
        .filter((f) => !f.name.startsWith('_') && !f.astNode?.directives?.some((d) => d.name.value === 'callable'))
        .map((f) => `${t}.${f.name}`));
    expect(Object.keys((schema.getType('Mutation') as GraphQLObjectType).getFields()).length).toBeGreaterThan(10);
    expect(uncallable).toEqual([]);
  });

  it('has a rule in the permission matrix for every field of Student (nothing personal slips through unlisted)', () => {
    const schema = buildSchema(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'), { assumeValidSDL: true });
    const fields = Object.keys((schema.getType('Student') as GraphQLObjectType).getFields()).filter((f) => f !== 'id');
    const ruled = new Set(PERMISSIONS.map((r) => r.field));
    expect(fields.filter((f) => !ruled.has(`Student.${f}`))).toEqual([]);
  });
});
