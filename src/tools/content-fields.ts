// Id fields of the records, files and tests areas: one definition and description each.
import { id } from './fields.js';

export const recordId = id('Recording id (list_records).');
export const conversionId = id('Conversion id (convert_record, list_conversions).');
export const fileId = id('File id (list_files, upload_file).');
export const testId = id('Test/poll id (create_test, list_files).');
export const testSessionId = id('Test run id (start_test, get_test testSessions).');
export const fileReferenceId = id('Attachment id, not the file id (list_attached_files).');
/** Ids of things inside a test: questions, options, one user's answers. */
export const itemId = id;
