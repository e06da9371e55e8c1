#!/usr/bin/env perl
# Assembles a version script from its manifest (versions/src/*.sql.in) and the SQL
# sources under schema/.
#
#   scripts/assemble_sql.pl [--schema DIR] MANIFEST          the script, on stdout
#   scripts/assemble_sql.pl [--schema DIR] --list MANIFEST   one line per include:
#                                                            "path [version [part]]"
#   scripts/assemble_sql.pl [--schema DIR] --sections FILE...
#                                        one line per section of each source file:
#                                        "path-under-schema version part"
#
# A manifest is literal SQL, copied byte for byte, plus directive lines:
#
#   --#include <path>                    a whole unsectioned file (a view or function
#                                        snapshot, schema/<domain>/<name>.view/<v>.sql)
#   --#include <path> <version>          every section of that version, in file order,
#                                        separated by one blank line
#   --#include <path> <version> <part>   one section
#
# <path> is relative to schema/. A sectioned source (a table file) is split by lines
#
#   --#section <version> <part>
#
# The lines before its first section are notes for readers and are never copied. A
# section is the lines up to the next --#section line, without leading or trailing
# blank lines; so is an unsectioned file. The manifest decides the spacing around
# every include. Any other line starting with --# is an error, in manifests and in
# sources alike, so that a mistyped directive never lands in a script as a comment.
# Only core Perl is used.
use strict;
use warnings;

my $schema = 'schema';
my $mode = 'assemble';
while (@ARGV && $ARGV[0] =~ /^--/) {
  my $opt = shift @ARGV;
  if ($opt eq '--schema') { $schema = shift @ARGV // die "--schema needs a directory\n"; }
  elsif ($opt eq '--list') { $mode = 'list'; }
  elsif ($opt eq '--sections') { $mode = 'sections'; }
  else { die "unknown option $opt\n"; }
}
@ARGV == 1 || ($mode eq 'sections' && @ARGV)
  or die "usage: $0 [--schema DIR] [--list] MANIFEST | --sections FILE...\n";
my $file = $ARGV[0];

my $version_re = qr/\d+(?:\.\d+)*/;

sub read_lines {
  my ($path) = @_;
  open(my $fh, '<:raw', $path) or die "cannot read $path: $!\n";
  local $/;
  my $text = <$fh>;
  close $fh;
  return () if $text eq '';
  $text =~ /\n\z/ or die "$path: the last line has no newline\n";
  return split /(?<=\n)/, $text;
}

sub trim_blank {
  my @lines = @_;
  shift @lines while @lines && $lines[0] =~ /^\s*$/;
  pop @lines while @lines && $lines[-1] =~ /^\s*$/;
  return @lines;
}

# Parses a source file: returns (sections => [[version, part, [lines]] ...], body => [lines])
# where body is set only for an unsectioned file.
my %parsed;
sub parse_source {
  my ($rel) = @_;
  return $parsed{$rel} if $parsed{$rel};
  my $path = "$schema/$rel";
  -f $path or die "no such source: $path\n";
  my @lines = read_lines($path);
  my (@sections, %seen);
  my @plain;
  my $current;
  my $n = 0;
  for my $line (@lines) {
    $n++;
    if ($line =~ /^--#/) {
      $line =~ /^--#section ($version_re) ([a-z][a-z0-9_-]*)\s*$/
        or die "$path:$n: not a directive of a source: $line";
      my ($v, $part) = ($1, $2);
      die "$path:$n: section $v $part appears twice\n" if $seen{"$v $part"}++;
      $current = [$v, $part, []];
      push @sections, $current;
    } elsif ($current) {
      push @{$current->[2]}, $line;
    } else {
      push @plain, $line;
    }
  }
  $_->[2] = [trim_blank(@{$_->[2]})] for @sections;
  my $result = @sections ? { sections => \@sections } : { body => [trim_blank(@plain)] };
  return $parsed{$rel} = $result;
}

if ($mode eq 'sections') {
  for my $path (@ARGV) {
    (my $rel = $path) =~ s{^\Q$schema\E/}{};
    my $src = parse_source($rel);
    print "$rel $_->[0] $_->[1]\n" for @{$src->{sections} || []};
  }
  exit 0;
}

my @manifest = read_lines($file);
my $n = 0;
my $out = '';
for my $line (@manifest) {
  $n++;
  if ($line !~ /^--#/) {
    $out .= $line if $mode eq 'assemble';
    next;
  }
  $line =~ m{^--#include ([A-Za-z0-9_./-]+)(?: ($version_re)(?: ([a-z][a-z0-9_-]*))?)?\s*$}
    or die "$file:$n: not a directive of a manifest: $line";
  my ($rel, $v, $part) = ($1, $2, $3);
  die "$file:$n: $rel: the path must stay inside schema/\n" if $rel =~ m{(^|/)\.\.(/|$)} || $rel =~ m{^/};
  if ($mode eq 'list') {
    $out .= join(' ', grep { defined } $rel, $v, $part) . "\n";
  }
  my $src = eval { parse_source($rel) };
  die "$file:$n: $@" unless $src;
  my @text;
  if (!defined $v) {
    die "$file:$n: $rel has sections; include one version or one section of it\n" if $src->{sections};
    @text = @{$src->{body}};
  } else {
    die "$file:$n: $rel has no sections\n" unless $src->{sections};
    my @hits = grep { $_->[0] eq $v && (!defined $part || $_->[1] eq $part) } @{$src->{sections}};
    die "$file:$n: $rel has no section " . join(' ', grep { defined } $v, $part) . "\n" unless @hits;
    for my $i (0 .. $#hits) {
      push @text, "\n" if $i > 0;
      push @text, @{$hits[$i][2]};
    }
  }
  die "$file:$n: $rel" . (defined $v ? " $v" . (defined $part ? " $part" : '') : '') . " is empty\n"
    unless @text;
  $out .= join('', @text) if $mode eq 'assemble';
}
print $out;
