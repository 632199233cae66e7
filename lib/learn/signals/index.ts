// Every signal detector, in the order the issue lists them. Adding one = one file + one line.
import correction from './correction.js'
import failedCommand from './failed-command.js'
import missedTrigger from './missed-trigger.js'
import missingFile from './missing-file.js'
import remember from './remember.js'
import repeatedProcedure from './repeated-procedure.js'
import type { Detector } from './types.js'

export const detectors: readonly Detector[] = [failedCommand, correction, remember, missedTrigger, missingFile, repeatedProcedure]
