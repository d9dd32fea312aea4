import { Migration } from '@mikro-orm/migrations';

/** A cross-check run's progress: queued by runCrossCheck, run by the cross-check worker; `active` (unique) keeps one queued or running run in the district. Earlier runs were done at once. */
export class Migration20261203190656 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "cross_check_run" add column "status" text check ("status" in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')) not null default 'DONE', add column "active" varchar(20) null, add column "failure" varchar(500) null, add column "finished_at" timestamptz(6) null;`);
    this.addSql(`alter table "cross_check_run" add constraint "cross_check_run_active_unique" unique ("active");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cross_check_run" drop constraint "cross_check_run_active_unique";`);
    this.addSql(`alter table "cross_check_run" drop column "status", drop column "active", drop column "failure", drop column "finished_at";`);
  }

}
