/**
 * Words for the codes the console stores and used to print as they are: audit actions, the kinds of record they
 * touch, the fields they change, deposit statuses and embed languages, in Chinese and English.
 */
import type { Lang } from './lang.ts';

const zh = {
  actions: {
    'staff.create': '创建员工账号', 'staff.role': '修改员工角色', 'staff.disable': '停用员工账号', 'staff.enable': '启用员工账号', 'staff.reset_password': '重置员工密码',
    'lead.stage': '移动线索阶段', 'lead.merge': '合并重复线索', 'lead.owner': '分配负责人', 'lead.note': '添加备注', 'lead.task.add': '新增待办', 'lead.task.done': '完成待办',
    'lead.tour': '安排带看', 'lead.erase': '删除个人信息', 'lead.export': '导出个人数据', 'unit.update': '修改单元价格或状态', 'unit.lease': '登记出租',
    'unit.release_hold': '释放锁定', 'embed.create': '新建嵌入', 'embed.update': '修改嵌入', 'embed.delete': '删除嵌入', export: '导出 CSV', 'deposit.refund': '退还意向金',
  } as Record<string, string>,
  entities: { staff: '员工', lead: '线索', lead_task: '待办', unit: '单元', embed: '嵌入', deposit: '意向金', export: '导出' } as Record<string, string>,
  fields: {
    stage: '阶段', lostReason: '流失原因', keptDepositId: '保留意向金', ownerId: '负责人', role: '角色', banned: '账号', email: '邮箱', listRentPerSqmDay: '挂牌价',
    status: '状态', availableFrom: '可入驻', tenant: '租户', startsOn: '起租日', endsOn: '到期日', startsAt: '带看时间', minutes: '时长', unitIds: '单元', title: '待办事项',
    dueOn: '到期日', assigneeId: '负责人', done: '完成', length: '备注长度', name: '名称', filters: '筛选条件', themeColor: '主题色', lang: '语言', allowedHosts: '允许的网站',
    reason: '原因', file: '文件', reference: '编号', erased: '已删除', duplicate: '并入的线索', deposit: '意向金',
  } as Record<string, string>,
  depositStatuses: { held: '锁定中', reserved: '已支付', released: '已释放', refund_pending: '退款处理中', refunded: '已退款', refund_failed: '退款失败' } as Record<string, string>,
  languages: { zh: '中文', en: '英文' } as Record<string, string>,
  files: { 'inventory.csv': '房源库存', 'leads.csv': '线索' } as Record<string, string>,
  yes: '是', no: '否', disabled: '已停用', enabled: '正常', kept: '保留', none: '无', minutes: '{n} 分钟', characters: '{n} 个字',
  anyHost: '任何网站', noFilters: '全部可租单元', twoFactor: '已开启两步验证', when: '时间', who: '操作人', what: '操作', record: '对象', change: '变更',
  auditRegion: '审计日志（可横向滚动）', actionsColumn: '操作', scrollsSideways: '可横向滚动', embedsRegion: '嵌入列表（可横向滚动）', usersRegion: '员工账号（可横向滚动）', shown: '中文页面',  allEntries: '显示全部记录', filteredBy: '仅显示：{record}',
};

const en: typeof zh = {
  actions: {
    'staff.create': 'Created a staff account', 'staff.role': 'Changed a staff role', 'staff.disable': 'Disabled a staff account', 'staff.enable': 'Enabled a staff account', 'staff.reset_password': 'Reset a staff password',
    'lead.stage': 'Moved a lead', 'lead.merge': 'Merged a duplicate lead', 'lead.owner': 'Assigned an owner', 'lead.note': 'Added a note', 'lead.task.add': 'Added a task', 'lead.task.done': 'Completed a task',
    'lead.tour': 'Scheduled a tour', 'lead.erase': 'Erased personal data', 'lead.export': 'Exported personal data', 'unit.update': 'Changed a unit’s rent or status', 'unit.lease': 'Recorded a lease',
    'unit.release_hold': 'Released a hold', 'embed.create': 'Created an embed', 'embed.update': 'Changed an embed', 'embed.delete': 'Deleted an embed', export: 'Exported a CSV', 'deposit.refund': 'Refunded a deposit',
  },
  entities: { staff: 'Staff', lead: 'Lead', lead_task: 'Task', unit: 'Unit', embed: 'Embed', deposit: 'Deposit', export: 'Export' },
  fields: {
    stage: 'Stage', lostReason: 'Reason lost', keptDepositId: 'Deposit kept', ownerId: 'Owner', role: 'Role', banned: 'Account', email: 'Email', listRentPerSqmDay: 'List rent',
    status: 'Status', availableFrom: 'Available', tenant: 'Tenant', startsOn: 'Starts', endsOn: 'Ends', startsAt: 'Tour time', minutes: 'Length', unitIds: 'Units', title: 'Task',
    dueOn: 'Due', assigneeId: 'Assignee', done: 'Done', length: 'Note length', name: 'Name', filters: 'Filters', themeColor: 'Theme colour', lang: 'Language', allowedHosts: 'Allowed sites',
    reason: 'Reason', file: 'File', reference: 'Reference', erased: 'Erased', duplicate: 'Lead merged in', deposit: 'Deposit',
  },
  depositStatuses: { held: 'On hold', reserved: 'Paid', released: 'Released', refund_pending: 'Refund in progress', refunded: 'Refunded', refund_failed: 'Refund failed' },
  languages: { zh: 'Chinese', en: 'English' },
  files: { 'inventory.csv': 'Inventory', 'leads.csv': 'Leads' },
  yes: 'Yes', no: 'No', disabled: 'Disabled', enabled: 'Active', kept: 'Kept', none: 'None', minutes: '{n} min', characters: '{n} characters',
  anyHost: 'Any site', noFilters: 'All available units', twoFactor: 'Two-step verification on', when: 'When', who: 'Who', what: 'What', record: 'Record', change: 'Change',
  auditRegion: 'Audit log (scrolls sideways)', actionsColumn: 'Actions', scrollsSideways: 'scrolls sideways', embedsRegion: 'Embeds (scrolls sideways)', usersRegion: 'Staff accounts (scrolls sideways)', shown: 'Chinese page',  allEntries: 'Show all entries', filteredBy: 'Only: {record}',
};

/** The console's code labels in `lang`. */
export function consoleLabels(lang: Lang) {
  return lang === 'en' ? en : zh;
}
