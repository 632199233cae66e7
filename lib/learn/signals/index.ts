// Every signal detector, in the order the issue lists them. Adding one = one file + one line.
import failedCommand from './failed-command.js'
import missingFile from './missing-file.js'
import type { Detector } from './types.js'

export const detectors: readonly Detector[] = [failedCommand, missingFile]
