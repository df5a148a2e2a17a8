"""Reports about the publications rather than publications: the målform balance of a year."""
