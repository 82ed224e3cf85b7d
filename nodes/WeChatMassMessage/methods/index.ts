import { getTags } from './loadOptions';

export const loadOptions = { getTags };
