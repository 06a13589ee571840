"""Plot families of the report. Each module's ``build(results)`` returns Chart or Skipped items."""
