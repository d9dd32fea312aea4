import { Migration } from '@mikro-orm/migrations';

/** A cross-check run's progress: queued by runCrossCheck, run by the cross-check worker; `active` (unique) keeps one queued or running run in the district. Earlier runs were done at once. */
export class Migration20261203190656 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`cross_check_run\` add column \`status\` text check (\`status\` in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')) not null default 'DONE';`);
    this.addSql(`alter table \`cross_check_run\` add column \`active\` text null;`);
    this.addSql(`alter table \`cross_check_run\` add column \`failure\` text null;`);
    this.addSql(`alter table \`cross_check_run\` add column \`finished_at\` datetime null;`);
    this.addSql(`create unique index \`cross_check_run_active_unique\` on \`cross_check_run\` (\`active\`);`);

  }

}
