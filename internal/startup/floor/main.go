// Command floor links everything careerpath links and runs every package's
// initialisation (cobra, viper, survey, tablewriter, the calendar library
// and the standard library under them), then exits: the start-up cost
// careerpath cannot go below without dropping a library. See
// internal/startup/measure.
package main

import _ "github.com/careerpath/careerpath/internal/cli"

func main() {}
