package cmdutil

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/jsonkeys"
	"github.com/careerpath/careerpath/internal/privacy"
)

// Settings keys. Each is also a flag of the same name and an environment
// variable (see EnvName); KeyConfig names the file the others may be in.
const (
	KeyFormat  = "format"
	KeyCatalog = "catalog"
	KeyStart   = "start"
	KeyNoInput = "no-input"
	KeyColor   = "color"
	KeyTitles  = "titles"
	// KeyMinGroup is report's and calibrate's smallest group shown.
	KeyMinGroup = "min-group"

	KeyConfig = "config"
)

// settingKeys lists the keys in the order `config show` prints them.
var settingKeys = []string{KeyFormat, KeyCatalog, KeyTitles, KeyStart, KeyNoInput, KeyColor, KeyMinGroup}

// settingDefaults are the values used when no flag, variable or file sets a
// key; an empty catalog means the embedded one, an empty title map none,
// an empty start today.
var settingDefaults = map[string]string{
	KeyFormat: "table", KeyCatalog: "", KeyTitles: "", KeyStart: "", KeyNoInput: "false", KeyColor: iostreams.ColorAuto,
	KeyMinGroup: strconv.Itoa(privacy.DefaultMinGroup),
}

// maxConfigBytes bounds the config file; it holds five short keys.
const maxConfigBytes = 1 << 20

// Where a setting came from.
const (
	SourceFlag    = "flag"
	SourceEnv     = "env"
	SourceFile    = "file"
	SourceDefault = "default"
)

// EnvName is the environment variable for a key: CAREERPATH_NO_INPUT.
func EnvName(key string) string {
	return "CAREERPATH_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
}

// WithEnv appends the key's environment variable to a flag's help text.
func WithEnv(usage, key string) string {
	return fmt.Sprintf("%s (env %s)", usage, EnvName(key))
}

// Setting is one effective setting and where it came from.
type Setting struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Source string `json:"source"`
	// Origin says which flag, variable or file: "--format",
	// "CAREERPATH_FORMAT", "/home/a/.config/careerpath/config.yaml".
	Origin string `json:"origin,omitempty"`
}

func (s Setting) Describe() string {
	if s.Origin == "" {
		return s.Source
	}
	return s.Source + " " + s.Origin
}

// Config is the effective configuration of one run, resolved once before
// the command runs with precedence flag, environment, file, default.
type Config struct {
	// File is the config file that was read, or "" when there was none.
	File     string
	settings map[string]Setting
	// fileSetting records where the config file path itself came from.
	fileSetting Setting
}

// Get returns the effective value of a key.
func (c *Config) Get(key string) string { return c.Setting(key).Value }

// Setting returns a key's value and source; an unresolved config (a command
// run outside the root, as in tests) gives the defaults.
func (c *Config) Setting(key string) Setting {
	if c == nil {
		return Setting{Key: key, Value: settingDefaults[key], Source: SourceDefault}
	}
	return c.settings[key]
}

// NoInput reports whether prompting is switched off.
func (c *Config) NoInput() bool {
	v, _ := parseBool(c.Get(KeyNoInput))
	return v
}

// Settings returns the config file setting and then every key, in order.
func (c *Config) Settings() []Setting {
	out := []Setting{c.fileSetting}
	for _, k := range settingKeys {
		out = append(out, c.settings[k])
	}
	return out
}

// ConfigError is a config file that cannot be used: exit 2.
type ConfigError struct {
	File string
	Err  error
}

func (e *ConfigError) Error() string { return fmt.Sprintf("config file %s: %v", e.File, e.Err) }
func (e *ConfigError) Unwrap() error { return e.Err }

// resolveConfig works out every setting for a command whose flags are
// parsed. viper merges the config file over the defaults; flags and
// variables are looked at first, through the command's own streams, so a
// test can give each run its own environment.
func resolveConfig(flags *pflag.FlagSet, getenv func(string) string, userConfigDir func() (string, error)) (*Config, error) {
	cfg := &Config{settings: map[string]Setting{}}
	path, explicit := configPath(cfg, flags, getenv, userConfigDir)
	v := viper.New()
	for k, def := range settingDefaults {
		v.SetDefault(k, def)
	}
	if path != "" {
		found, err := readConfig(v, path, explicit)
		if err != nil {
			return nil, err
		}
		if found {
			cfg.File = path
		} else {
			cfg.fileSetting.Value += " (absent)"
		}
	}
	for _, key := range settingKeys {
		s := lookup(flags, getenv, key)
		if s.Source == "" {
			s = Setting{Key: key, Value: fileValue(v, key), Source: SourceDefault}
			if v.InConfig(key) {
				s.Source, s.Origin = SourceFile, cfg.File
			}
		}
		cfg.settings[key] = s
	}
	relativeToFile(cfg, KeyCatalog)
	relativeToFile(cfg, KeyTitles)
	if err := cfg.check(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// fileValue reads a key as text; YAML reads an unquoted 2027-01-04 as a
// timestamp, which is written back as the date it was.
func fileValue(v *viper.Viper, key string) string {
	if t, ok := v.Get(key).(time.Time); ok {
		return t.Format(advisor.DateLayout)
	}
	return v.GetString(key)
}

// configPath finds the config file: --config, CAREERPATH_CONFIG, then
// config.yaml in the user's config directory. explicit is true when the
// user named the file, so that its absence is an error.
func configPath(cfg *Config, flags *pflag.FlagSet, getenv func(string) string, userConfigDir func() (string, error)) (string, bool) {
	s := lookup(flags, getenv, KeyConfig)
	if s.Source == "" {
		s = Setting{Key: KeyConfig, Source: SourceDefault}
		if userConfigDir == nil {
			cfg.fileSetting = s
			return "", false
		}
		if dir, err := userConfigDir(); err == nil {
			s.Value = filepath.Join(dir, "careerpath", "config.yaml")
		}
	}
	cfg.fileSetting = s
	return s.Value, s.Source != SourceDefault
}

// lookup returns the key's flag or environment setting, or a Setting with
// no Source when neither is set.
func lookup(flags *pflag.FlagSet, getenv func(string) string, key string) Setting {
	if fl := flags.Lookup(key); fl != nil && fl.Changed {
		return Setting{Key: key, Value: fl.Value.String(), Source: SourceFlag, Origin: "--" + key}
	}
	if v := getenv(EnvName(key)); v != "" {
		return Setting{Key: key, Value: v, Source: SourceEnv, Origin: EnvName(key)}
	}
	return Setting{Key: key}
}

// readConfig reads the config file into v; a missing file is fine unless
// the user named it.
func readConfig(v *viper.Viper, path string, explicit bool) (bool, error) {
	raw, err := readSmallFile(path, maxConfigBytes)
	if !explicit && unreachable(path, err) {
		return false, nil
	}
	if err != nil {
		return false, &ConfigError{File: path, Err: err}
	}
	v.SetConfigType(configType(path))
	// viper keeps the last of two equal keys in JSON; YAML refuses them.
	if configType(path) == "json" {
		if dups := jsonkeys.Duplicates(raw); len(dups) > 0 {
			return false, &ConfigError{File: path, Err: errors.New(dups[0].String())}
		}
	}
	if err := v.ReadConfig(bytes.NewReader(raw)); err != nil {
		return false, &ConfigError{File: path, Err: err}
	}
	if err := checkConfigShape(raw, configType(path)); err != nil {
		return false, &ConfigError{File: path, Err: err}
	}
	for _, k := range v.AllKeys() {
		if _, known := settingDefaults[k]; !known {
			return false, &ConfigError{File: path, Err: fmt.Errorf("unknown key %q; the keys are %s", k, strings.Join(settingKeys, ", "))}
		}
	}
	return true, nil
}

// unreachable reports whether err means there is no file at path to read:
// it does not exist, or a folder on the way is not one or may not be
// searched (a HOME others cannot enter), so no file of the user's is there.
// A file that exists but may not be read is not unreachable.
func unreachable(path string, err error) bool {
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return true
	case errors.Is(err, fs.ErrPermission):
		_, statErr := os.Lstat(path)
		return errors.Is(statErr, fs.ErrPermission)
	}
	return false
}

// configType picks viper's decoder: JSON or TOML by extension, else YAML.
func configType(path string) string {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".json", ".toml":
		return ext[1:]
	default:
		return "yaml"
	}
}

func readSmallFile(path string, limit int64) ([]byte, error) {
	if err := notRegular(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, errors.New("is a directory, not a file")
	}
	raw, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("is larger than %d bytes; check that this is the right file", limit)
	}
	return raw, nil
}

// notRegular refuses a path that is neither a regular file nor a folder
// (whose errors are told elsewhere): opening a FIFO waits for a writer
// forever, and a device may never end.
func notRegular(path string) error {
	info, err := os.Stat(path)
	if err != nil || info.Mode().IsRegular() || info.IsDir() {
		return nil
	}
	kind := "special file"
	switch mode := info.Mode(); {
	case mode&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		kind = "socket"
	case mode&fs.ModeDevice != 0:
		kind = "device"
	}
	return fmt.Errorf("is a %s, not a regular file; give a file", kind)
}

// relativeToFile resolves a path given in the config file against the
// file's folder, so a config can sit next to the catalog it names.
func relativeToFile(cfg *Config, key string) {
	s := cfg.settings[key]
	if s.Source == SourceFile && s.Value != "" && !filepath.IsAbs(s.Value) {
		s.Value = filepath.Join(filepath.Dir(cfg.File), s.Value)
		cfg.settings[key] = s
	}
}

// check rejects values no command could use, naming where they came from.
func (c *Config) check() error {
	if s := c.settings[KeyColor]; !slices.Contains(iostreams.ColorModes(), s.Value) {
		return c.invalid(s, "use one of: "+strings.Join(iostreams.ColorModes(), ", "))
	}
	if s := c.settings[KeyMinGroup]; s.Source != SourceFlag {
		if _, err := ParseMinGroup(s.Value); err != nil {
			return c.unusable(s, err)
		}
	}
	if s := c.settings[KeyNoInput]; !isBool(s.Value) {
		return c.invalid(s, "use true or false (or 1 or 0, yes or no, on or off)")
	}
	// A start given as a flag is left to its command, which says the same;
	// from a variable or the file, it is checked here so that the error
	// names where it came from. The format is not: each command that reads
	// the setting knows its own formats and names the setting's source
	// (SettingError), and one that has its own (batch, report) or none
	// (version, schema) must not fail over it.
	if s := c.settings[KeyStart]; s.Value != "" && s.Source != SourceFlag {
		if _, err := advisor.ParseDate(s.Value); err != nil {
			return c.unusable(s, err)
		}
	}
	return nil
}

// unusable is a setting's value that err refuses, named by where it came
// from.
func (c *Config) unusable(s Setting, err error) error {
	if s.Source == SourceFile {
		return &ConfigError{File: c.File, Err: fmt.Errorf("%s: %v", s.Key, err)}
	}
	return UsageErrorf("%s: %v", s.Origin, err)
}

// from names where a setting came from when that was not a flag, for the
// command's own checks to add to their errors; "" for a flag or default.
func (s Setting) From() string {
	if s.Source == SourceEnv || s.Source == SourceFile {
		return s.Describe()
	}
	return ""
}

// SettingError is a usage error about a setting's value, naming the
// variable or file it came from (see Setting.From).
func SettingError(err error, key, from string) error {
	if from != "" {
		err = fmt.Errorf("%w (the %s was set by %s)", err, key, from)
	}
	return &UsageError{Err: err}
}

func (c *Config) invalid(s Setting, fix string) error {
	err := fmt.Errorf("invalid %s %q (from %s); %s", s.Key, s.Value, s.Describe(), fix)
	if s.Source == SourceFile {
		return &ConfigError{File: c.File, Err: fmt.Errorf("invalid %s %q; %s", s.Key, s.Value, fix)}
	}
	return &UsageError{Err: err}
}

func isBool(s string) bool {
	_, err := parseBool(s)
	return err == nil
}

// parseBool reads a boolean setting in any of its usual spellings, in any
// case: 1 or 0, true or false (t or f), yes or no, on or off. A variable
// such as CAREERPATH_NO_INPUT=yes must not be refused for its spelling.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "t", "true", "y", "yes", "on":
		return true, nil
	case "0", "f", "false", "n", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("invalid boolean %q; use true or false (or 1 or 0, yes or no, on or off)", s)
}

// PlanStart reads a start setting, or takes today's local date.
func PlanStart(value string, now func() time.Time) (time.Time, error) {
	if value == "" {
		return now(), nil
	}
	return advisor.ParseDate(value)
}

// ParseMinGroup reads a min-group setting: a whole number of people, 1
// or more (1 shows every group).
func ParseMinGroup(value string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(value))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("invalid min-group %q: give a whole number of people, 1 or more (1 shows every group; the default is %d)", value, privacy.DefaultMinGroup)
	}
	return n, nil
}
