import { Migration } from '@mikro-orm/migrations';

export class Migration20261206212131 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "early_warning_policy" add column "source" text not null default '本系统起始值，非本省发布的规则：请按本省文件修改并注明出处', add column "calendar_source" text not null default '替代校历：按春节推算（秋季学期 9月1日至春节前15天，春季学期元宵节至7月10日），法定节假日按国务院办公厅节假日安排；请录入本省校历';`);
    // policies stored before sources were recorded say so, rather than taking the default's words
    this.addSql(`update "early_warning_policy" set "source" = '出处未记录（本规则保存于登记出处之前）', "calendar_source" = '学期按月-日保存，出处未记录';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "early_warning_policy" drop column "source", drop column "calendar_source";`);
  }

}
