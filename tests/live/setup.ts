/**
 * Set-up of the built server's tests: each file's temporary data folders go once the file is done. Hooks
 * after tests run in reverse order of registration, and this file's are registered first, so this runs
 * after the file's own hooks have stopped its servers.
 */
import { afterAll } from 'vitest';
import { removeTempDataDirs } from './server';

afterAll(removeTempDataDirs);
