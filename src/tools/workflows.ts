// The workflows toolset: task-level tools that combine several API calls (src/workflows/).
import { registrationTools } from '../workflows/register-participants.js';
import { scheduleWebinar } from '../workflows/schedule-webinar.js';
import { summarizeAttendance } from '../workflows/summarize-attendance.js';

export const workflowsTools = [scheduleWebinar, ...registrationTools, summarizeAttendance];
