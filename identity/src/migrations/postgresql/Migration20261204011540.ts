import { Migration } from '@mikro-orm/migrations';

export class Migration20261204011540 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "account" ("username" varchar(64) not null, "name" varchar(100) not null, "department" varchar(20) not null, "role" varchar(32) not null, "scope_kind" varchar(12) not null, "scope_code" varchar(20) not null, "password_hash" varchar(200) not null, "disabled" boolean not null default false, "failed_sign_ins" int not null default 0, "locked_until" timestamptz(6) null, "last_sign_in_at" timestamptz(6) null, "created_at" timestamptz(6) not null, "created_by" varchar(64) not null, "updated_at" timestamptz(6) not null, "version" int not null default 1, constraint "account_pkey" primary key ("username"));`);
    this.addSql(`create index "account_department_index" on "account" ("department");`);

    this.addSql(`create table "audit_entry" ("id" serial primary key, "at" timestamptz(6) not null, "kind" varchar(5) not null, "user" varchar(64) not null, "department" varchar(20) not null, "role" varchar(32) not null, "student_id" varchar(43) null, "fields" text not null, "operation" varchar(200) not null, "request_id" varchar(64) not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`);
    this.addSql(`create index "audit_entry_student_id_index" on "audit_entry" ("student_id");`);

    this.addSql(`create table "provider_key" ("kid" varchar(64) not null, "use" varchar(16) not null, "secret" text not null, "created_at" timestamptz(6) not null, "retired_at" timestamptz(6) null, constraint "provider_key_pkey" primary key ("kid"));`);

    this.addSql(`create table "provider_record" ("model" varchar(32) not null, "id" varchar(200) not null, "payload" text not null, "grant_id" varchar(200) null, "uid" varchar(200) null, "account_id" varchar(64) null, "consumed_at" timestamptz(6) null, "expires_at" timestamptz(6) null, constraint "provider_record_pkey" primary key ("model", "id"));`);
    this.addSql(`create index "provider_record_expires_at_index" on "provider_record" ("expires_at");`);
    this.addSql(`create index "provider_record_account_id_index" on "provider_record" ("account_id");`);
    this.addSql(`create index "provider_record_uid_index" on "provider_record" ("uid");`);
    this.addSql(`create index "provider_record_grant_id_index" on "provider_record" ("grant_id");`);

    this.addSql(`create table "service_account" ("client_id" varchar(64) not null, "name" varchar(100) not null, "department" varchar(20) not null, "role" varchar(32) not null default 'service', "scope_kind" varchar(12) not null, "scope_code" varchar(20) not null, "rate_limit_per_minute" int not null, "secret_version" int not null default 1, "disabled" boolean not null default false, "created_at" timestamptz(6) not null, "created_by" varchar(64) not null, "version" int not null default 1, constraint "service_account_pkey" primary key ("client_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "provider_key" cascade;`);

    this.addSql(`drop table if exists "provider_record" cascade;`);

    this.addSql(`drop table if exists "service_account" cascade;`);
  }

}
