/** Display helpers shared by the list and the dialogs (dates: common/date-time.ts). */

export const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');
