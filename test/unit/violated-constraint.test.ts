/**
 * Which unique constraint a write broke is read from what the database names, never from the
 * statement: SQLite's message repeats the whole insert, whose column list names every column, so
 * matching field fragments against it named the first column listed, not the one that clashed.
 */
import { violatedConstraint } from '@kongchuo/shared/server';

const SQLITE = "insert into `student` (`id`, `student_number`, `resident_id`, `name`) values ('k', 'G1', '4502', 'x') - UNIQUE constraint failed: student.resident_id";

it('SQLite: the columns after "UNIQUE constraint failed", not the statement\'s column list', () => {
  expect(violatedConstraint(new Error(SQLITE))).toBe('student.resident_id');
  expect(violatedConstraint(new Error(SQLITE))).not.toContain('student_number');
});

it('PostgreSQL: the constraint the driver names, else the key in its detail', () => {
  const pg = Object.assign(new Error('insert into "student" ("id", "student_number", "resident_id") values ($1, $2, $3) - duplicate key value violates unique constraint "student_resident_id_unique"'), { constraint: 'student_resident_id_unique' });
  expect(violatedConstraint(pg)).toBe('student_resident_id_unique');
  expect(violatedConstraint(Object.assign(new Error('duplicate key'), { detail: 'Key (student_number)=(G1) already exists.' }))).toBe('student_number');
});

it('a primary key clash without a named constraint is PRIMARY; anything else names nothing', () => {
  expect(violatedConstraint(new Error('… - PRIMARY KEY must be unique'))).toBe('PRIMARY');
  expect(violatedConstraint(new Error('something else'))).toBe('');
});
