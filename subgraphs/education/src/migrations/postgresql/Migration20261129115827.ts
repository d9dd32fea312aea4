import { Migration } from '@mikro-orm/migrations';

export class Migration20261129115827 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "early_warning_policy" ("province" varchar(2) not null, "report_unexcused_days" int not null, "report_window_days" int not null, "dropout_consecutive_weeks" int not null, "absent_week_min_days" int not null, "terms" jsonb not null, "weights_by_factor" jsonb not null, "levels" jsonb not null, "updated_by" varchar(64) null, "updated_at" timestamptz(6) null, "version" int not null default 1, constraint "early_warning_policy_pkey" primary key ("province"));`);

    this.addSql(`create table "absence" ("id" serial primary key, "student_id" varchar(43) not null, "school_code" varchar(10) not null, "date" date not null, "portion" text check ("portion" in ('FULL_DAY', 'MORNING', 'AFTERNOON')) not null, "excused" boolean not null, "reason" varchar(200) null, "recorded_by" varchar(64) not null, "recorded_at" timestamptz(6) not null);`);
    this.addSql(`create index "absence_date_excused_index" on "absence" ("date", "excused");`);
    this.addSql(`alter table "absence" add constraint "absence_student_id_date_portion_unique" unique ("student_id", "date", "portion");`);

    this.addSql(`alter table "absence" add constraint "absence_student_id_foreign" foreign key ("student_id") references "student" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "early_warning_policy" cascade;`);

    this.addSql(`drop table if exists "absence" cascade;`);
  }

}
