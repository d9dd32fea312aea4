/**
 * A database error reaches the log without what it was about: the SQL statement of a failed
 * insert carries the child's 全国学籍号 (`G` + the ID number), ID number and name as parameters,
 * and the department logs a summary (the kind of statement, the table, the database's reason)
 * with none of them. Through the real system: an education instance of its own (its log read
 * from its stdout) on the shared database, whose `student` table refuses one name by trigger.
 */
import type { ChildProcess } from 'node:child_process';
import { MikroORM } from '@mikro-orm/core';
import { ormOptions, usesPostgres } from '@kongchuo/shared/core';
import { composeResidentId } from '@kongchuo/shared/domain';
import { type RunningService } from '@kongchuo/shared/server';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphs';
import { post, tokenFor } from '../support/client';
import { freePort, gatewayWith, spawnDepartment } from '../support/instances';
import { stopSpawned } from '../support/spawn-system';

const NAME = '日志测试';
const ID_NUMBER = composeResidentId('450204', '2011-04-05', 733);
let orm: MikroORM;
let education: ChildProcess;
let gateway: RunningService;
let log = '';

const sql = (q: string) => orm.em.fork().getConnection().execute(q);

beforeAll(async () => {
  const module = SUBGRAPH_MODULES.find((m) => m.name === 'education')!;
  const url = process.env.KC_EDUCATION_DATABASE_URL ?? `${process.env.KC_DATA_DIR}/education.sqlite`;
  orm = await MikroORM.init(ormOptions(module.database(url)));
  if (usesPostgres(orm.em)) {
    await sql(`create function log_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused for the log test'; end $$`);
    await sql(`create trigger log_test_refuse before insert on student for each row when (new.name = '${NAME}') execute function log_test_refuse()`);
  } else {
    await sql(`create trigger log_test_refuse before insert on student when new.name = '${NAME}' begin select raise(abort, 'refused for the log test'); end`);
  }
  const port = await freePort();
  education = await spawnDepartment('education', port, { LOG_LEVEL: 'info' }, (text) => (log += text));
  gateway = await gatewayWith({ education: `http://127.0.0.1:${port}/graphql` });
}, 60000);

afterAll(async () => {
  await gateway?.stop();
  if (education) await stopSpawned(education);
  if (orm) {
    await sql(usesPostgres(orm.em) ? 'drop trigger log_test_refuse on student' : 'drop trigger log_test_refuse');
    if (usesPostgres(orm.em)) await sql('drop function log_test_refuse()');
    await orm.close();
  }
});

it('logs a summary of the failed insert, with no ID number, 学籍号 or name in it', async () => {
  const r = await post<unknown>(gateway.url, {
    query: 'mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id } }',
    variables: { input: { idNumber: ID_NUMBER, name: NAME, schoolCode: '2145020405', grade: 7, className: '1班', date: '2022-09-01', code: 'TRANSFER_IN', crossesDistrict: true } },
  }, { authorization: `Bearer ${await tokenFor('edu-admin')}` });
  expect(r.data ?? null).toBeNull();
  // the client learns nothing of the statement either
  expect(JSON.stringify(r.errors)).not.toMatch(new RegExp(`${ID_NUMBER}|${NAME}|insert`, 'i'));
  for (let i = 0; i < 50 && !/refused for the log test/.test(log); i += 1) await new Promise((ok) => setTimeout(ok, 100));
  // the summary is there: the database's reason and what kind of statement failed
  expect(log).toMatch(/refused for the log test/);
  expect(log).toMatch(/insert/i);
  // and nothing it was about: not the ID number (alone or after the G of the 学籍号, or its first 14 digits), not the name
  expect(log).not.toContain(ID_NUMBER);
  expect(log).not.toContain(ID_NUMBER.slice(0, 14));
  expect(log).not.toContain(NAME);
});
