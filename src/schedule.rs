//! The live schedule: events, the schedule file format, recurrence and "what is on when" (pure, no I/O).
