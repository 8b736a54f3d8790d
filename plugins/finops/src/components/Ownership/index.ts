export { OwnershipTab } from './OwnershipTab';
