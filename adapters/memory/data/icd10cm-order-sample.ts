/**
 * A small excerpt of the ICD-10-CM order file (FY2026 release), written in the
 * file's exact fixed-width format: real codes and descriptions. Source: CDC
 * (public domain). Enough for tests and examples, not for production; see
 * `data/README.md` for loading the official file. Kept as a module so that it
 * ships inside the package.
 */
export const ICD10CM_ORDER_SAMPLE: string =
  [
  "00001 A00     0 Cholera                                                      Cholera",
  "00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae",
  "00003 A001    1 Cholera due to Vibrio cholerae 01, biovar eltor              Cholera due to Vibrio cholerae 01, biovar eltor",
  "00004 A009    1 Cholera, unspecified                                         Cholera, unspecified",
  "00005 C4A     0 Merkel cell carcinoma                                        Merkel cell carcinoma",
  "00006 C4A0    1 Merkel cell carcinoma of lip                                 Merkel cell carcinoma of lip",
  "00007 E11     0 Type 2 diabetes mellitus                                     Type 2 diabetes mellitus",
  "00008 E119    1 Type 2 diabetes mellitus without complications               Type 2 diabetes mellitus without complications",
  "00009 I10     1 Essential (primary) hypertension                             Essential (primary) hypertension",
  "00010 J45     0 Asthma                                                       Asthma",
  "00011 J459    0 Other and unspecified asthma                                 Other and unspecified asthma",
  "00012 J4590   0 Unspecified asthma                                           Unspecified asthma",
  "00013 J45901  1 Unspecified asthma with (acute) exacerbation                 Unspecified asthma with (acute) exacerbation",
  "00014 J45902  1 Unspecified asthma with status asthmaticus                   Unspecified asthma with status asthmaticus",
  "00015 J45909  1 Unspecified asthma, uncomplicated                            Unspecified asthma, uncomplicated",
  "00016 M54     0 Dorsalgia                                                    Dorsalgia",
  "00017 M545    0 Low back pain                                                Low back pain",
  "00018 M5450   1 Low back pain, unspecified                                   Low back pain, unspecified",
  "00019 M5451   1 Vertebrogenic low back pain                                  Vertebrogenic low back pain",
  "00020 M5459   1 Other low back pain                                          Other low back pain",
  "00021 R05     0 Cough                                                        Cough",
  "00022 R051    1 Acute cough                                                  Acute cough",
  "00023 R059    1 Cough, unspecified                                           Cough, unspecified",
  "00024 R51     0 Headache                                                     Headache",
  "00025 R510    1 Headache with orthostatic component, NEC                     Headache with orthostatic component, not elsewhere classified",
  "00026 R519    1 Headache, unspecified                                        Headache, unspecified",
  "00027 T360X1A 1 Poisoning by penicillins, accidental (unintentional), init   Poisoning by penicillins, accidental (unintentional), initial encounter",
  "00028 T360X1D 1 Poisoning by penicillins, accidental (unintentional), subs   Poisoning by penicillins, accidental (unintentional), subsequent encounter",
  "00029 U07     0 Emergency use of U07                                         Emergency use of U07",
  "00030 U071    1 COVID-19                                                     COVID-19",
  "00031 Z000    0 Encounter for general adult medical examination              Encounter for general adult medical examination",
  "00032 Z0000   1 Encntr for general adult medical exam w/o abnormal findings  Encounter for general adult medical examination without abnormal findings",
  "00033 Z0001   1 Encntr for general adult medical exam w abnormal findings    Encounter for general adult medical examination with abnormal findings",
  "00034 Z3A     0 Weeks of gestation                                           Weeks of gestation",
  "00035 Z3A0    0 Weeks of gestation of pregnancy, unsp or less than 10 weeks  Weeks of gestation of pregnancy, unspecified or less than 10 weeks",
  "00036 Z3A00   1 Weeks of gestation of pregnancy not specified                Weeks of gestation of pregnancy not specified",
  "00037 Z3A01   1 Less than 8 weeks gestation of pregnancy                     Less than 8 weeks gestation of pregnancy",
  "00038 Z3A08   1 8 weeks gestation of pregnancy                               8 weeks gestation of pregnancy"
  ].join('\n') + '\n'

/** The dates the sample's release is in force: FY2026, October 1, 2025 to September 30, 2026 — widened to the end of 2027 so examples keep working. */
export const ICD10CM_SAMPLE_VALIDITY = { validFrom: '2025-10-01', validTo: '2027-12-31' } as const
