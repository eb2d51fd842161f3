import type { Command } from '../command.js';
import { accessCollectCommand } from './access-collect-command.js';
import { accessReviewCommand } from './access-review-command.js';
import { vulnerabilitiesCollectCommand } from './vulnerabilities-collect-command.js';
import { bundleCommand } from './bundle-command.js';
import { ackRequestCommand } from './ack-request-command.js';
import { ackStatusCommand } from './ack-status-command.js';
import { checkCommand } from './check-command.js';
import { coverageCommand } from './coverage-command.js';
import { evidenceAddCommand } from './evidence-add-command.js';
import { evidenceCollectCommand } from './evidence-collect-command.js';
import { evidenceVerifyCommand } from './evidence-verify-command.js';
import { importCommand } from './import-command.js';
import { initCommand } from './init-command.js';
import { populationsCollectCommand } from './populations-collect-command.js';
import { remindersSyncCommand } from './reminders-sync-command.js';
import { renameCommands } from './rename-command.js';
import { signingKeygenCommand } from './signing-keygen-command.js';
import { signingTrustedRootCommand } from './signing-trusted-root-command.js';
import { statusCommand } from './status-command.js';
import { verifyCommand } from './verify-command.js';

/** Every `evident` command. Adding a command adds one line here. */
export const commands: readonly Command[] = [initCommand, importCommand, ...renameCommands, checkCommand, coverageCommand, statusCommand, evidenceAddCommand, populationsCollectCommand, accessCollectCommand, accessReviewCommand, vulnerabilitiesCollectCommand, remindersSyncCommand, bundleCommand, verifyCommand, evidenceCollectCommand, evidenceVerifyCommand, signingKeygenCommand, signingTrustedRootCommand, ackRequestCommand, ackStatusCommand];
