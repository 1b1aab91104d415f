// The workflows toolset: task-level tools that combine several API calls.
import { registrationTools } from './register-participants.js';
import { scheduleWebinar } from './schedule-webinar.js';
import { summarizeAttendance } from './summarize-attendance.js';

export const workflowsTools = [scheduleWebinar, ...registrationTools, summarizeAttendance];
