import { Migration } from '@mikro-orm/migrations';

export class Migration20261204192351 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "home_visit" drop constraint if exists "home_visit_outcome_check";`);

    this.addSql(`alter table "home_visit" add constraint "home_visit_outcome_check" check("outcome" in ('MET_FAMILY', 'MET_CHILD', 'CHILD_PERSUADED', 'REFUSED', 'NOT_HOME', 'MOVED_AWAY'));`);

    this.addSql(`create index "resident_name_id_index" on "resident" ("name", "id");`);
  }

  override async down(): Promise<void> {

    this.addSql(`alter table "home_visit" add constraint "home_visit_outcome_check" check("outcome" in ('MET_FAMILY', 'CHILD_PERSUADED', 'REFUSED', 'NOT_HOME', 'MOVED_AWAY'));`);

    this.addSql(`drop index "resident_name_id_index";`);
  }

}
