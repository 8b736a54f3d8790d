export { FinopsPage, FinopsPageContent } from './FinopsPage';
export type { FinopsPageProps, FinopsPageTab } from './FinopsPage';
