import { Migration } from '@mikro-orm/migrations';

export class Migration20261129130210 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "import_batch" ("id" uuid not null, "kind" varchar(20) not null, "file_name" varchar(200) not null, "sha256" varchar(64) not null, "header" jsonb not null, "status" text check ("status" in ('STAGING', 'COMMITTED', 'REJECTED')) not null default 'STAGING', "rows_staged" int not null default 0, "inserted" int not null default 0, "unchanged" int not null default 0, "problems" jsonb not null, "problem_count" int not null default 0, "created_by" varchar(64) not null, "created_at" timestamptz(6) not null, "finished_at" timestamptz(6) null, constraint "import_batch_pkey" primary key ("id"));`);
    this.addSql(`create index "import_batch_kind_sha256_status_index" on "import_batch" ("kind", "sha256", "status");`);

    this.addSql(`create table "import_row" ("id" serial primary key, "batch_id" uuid not null, "row" int not null, "dedup_key" varchar(100) null, "value" jsonb null, "problems" jsonb null);`);
    this.addSql(`create index "import_row_batch_id_dedup_key_index" on "import_row" ("batch_id", "dedup_key");`);

    this.addSql(`alter table "import_row" add constraint "import_row_batch_id_foreign" foreign key ("batch_id") references "import_batch" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "import_row" drop constraint "import_row_batch_id_foreign";`);

    this.addSql(`drop table if exists "import_batch" cascade;`);

    this.addSql(`drop table if exists "import_row" cascade;`);
  }

}
