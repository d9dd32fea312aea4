import { Migration } from '@mikro-orm/migrations';

export class Migration20261206212723 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "child_welfare_record" ("id" varchar(43) not null, "resident_id" varchar(18) not null, "name" varchar(50) not null, "category" text check ("category" in ('ORPHAN', 'DE_FACTO_UNCARED', 'IN_DIFFICULTY')) not null, "recognised_on" date not null, "basis" varchar(200) not null, "version" int not null default 1, constraint "child_welfare_record_pkey" primary key ("id"));`);
    this.addSql(`alter table "child_welfare_record" add constraint "child_welfare_record_resident_id_unique" unique ("resident_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "child_welfare_record" cascade;`);
  }

}
