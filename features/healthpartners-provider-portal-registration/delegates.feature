@guide:healthpartners-provider-portal-registration
Feature: Delegates create and maintain their organization's accounts
  "The first person to register is assigned delegate status to create and
  maintain accounts for other staff." "Delegates can also create additional
  delegate accounts if required." And, at provider step 7: "HINT:
  Individuals cannot share accounts. You will have the ability to create
  other staff accounts once your registration is completed and you are given
  delegate status."

  Where the guide is silent we chose: a delegate creates an account with the
  person's own name, e-mail address and a username, as staff or as a
  delegate. A temporary password goes to that e-mail address at once; it
  works for 72 hours (long enough to reach a colleague over a weekend), and
  the person must replace it with a password of their own before anything
  else. An e-mail address holds at most one account in an organization (the
  same person may hold one in another organization). Staff use their own
  account only: creating accounts, changing roles and removing accounts are
  for delegates. An organization always keeps a delegate: the last one can be
  neither made staff nor removed. A person "has set up the new account" when
  they have logged on with the temporary password, chosen a password of
  their own and accepted the terms of use their role asks for.

  Background:
    Given Olivia Hart is the signed-in delegate of the billing organization "Northstar Billing Services"

  Rule: The first person to register is the organization's delegate
    "The first person to register is assigned delegate status"

    @step:billing-intro-3
    Scenario: Olivia, who registered Northstar Billing Services, is its delegate
      Then Olivia is a delegate of her organization
      And Olivia's organization has these accounts:
        | name        | e-mail address              | role     |
        | Olivia Hart | olivia.hart@northstarbs.com | delegate |

    @step:billing-intro-3
    Scenario: Someone the delegate adds is staff, not a delegate
      Given Olivia has created a staff account for Ben Carter
      And Ben has set up his new account
      Then Ben is staff of his organization

  Rule: A delegate creates accounts for other staff, who choose their own password
    "to create and maintain accounts for other staff"; "You will have the
    ability to create other staff accounts once ... you are given delegate status."

    @step:billing-intro-3 @step:provider-7a
    Scenario: Olivia creates a staff account for Ben
      When Olivia creates a staff account for Ben Carter
      Then Ben receives an e-mail with a temporary password
      And the e-mail is addressed to Ben at "ben.carter@northstarbs.com"
      And the e-mail says "Your delegate created a staff account for you at Northstar Billing Services."

    @step:billing-intro-3 @step:provider-7a
    Scenario: Ben logs on with his temporary password and must choose his own
      Given Olivia has created a staff account for Ben Carter
      When Ben logs on with his temporary password
      Then he is signed in and must choose a password of his own

    @step:billing-intro-3 @step:provider-7a
    Scenario: Ben replaces the temporary password with one of his own
      Given Olivia has created a staff account for Ben Carter
      When Ben replaces his temporary password with "north shore in october"
      Then Ben can sign in with the password "north shore in october"

    @step:provider-7a
    Scenario: The temporary password cannot become Ben's own
      Given Olivia has created a staff account for Ben Carter
      When Ben replaces his temporary password with the temporary password itself
      Then he is told "Please choose a password of your own, not the temporary password we sent you."

    @step:billing-intro-3
    Scenario: Nothing else works before the new person has chosen a password
      Given Olivia has created a delegate account for Chloe Nguyen
      When Chloe creates a staff account for Ben Carter
      Then she is told "Please choose a password of your own first."

    @step:billing-intro-3 @step:provider-7a @step:rules-7
    Scenario: Staff cannot create accounts
      Given Olivia has created a staff account for Ben Carter
      And Ben has set up his new account
      When Ben creates a staff account for Chloe Nguyen
      Then he is told "Only a delegate can do this. Please contact your delegate."

  Rule: The temporary password works for 72 hours
    The guide gives no lifetime: 72 hours is HealthPartners' choice here.

    @step:billing-intro-3
    Scenario: The e-mail says when the temporary password expires
      When Olivia creates a staff account for Ben Carter
      Then Ben receives an e-mail with a temporary password
      And the e-mail says "This temporary password expires on November 25, 2026 at 9:00 AM EST."

    @step:billing-intro-3 @step:provider-7a
    Scenario Outline: <time> later the temporary password still works
      Given Olivia has created a staff account for Ben Carter
      When <time> pass
      And Ben logs on with his temporary password
      Then he is signed in and must choose a password of his own

      Examples: within 72 hours
        | time         |
        | 1 hour       |
        | 71 hours     |
        | 4319 minutes |

    @step:billing-intro-3 @step:provider-7a
    Scenario Outline: <time> later the temporary password has expired
      Given Olivia has created a staff account for Ben Carter
      When <time> pass
      And Ben logs on with his temporary password
      Then he is told "Your temporary password has expired. Please ask your delegate for a new one."

      Examples: 72 hours or more
        | time     |
        | 72 hours |
        | 4 days   |

    @step:billing-intro-3 @step:provider-7a
    Scenario: Olivia issues Ben a new temporary password after his expired
      Given Olivia has created a staff account for Ben Carter
      And 4 days pass
      When Olivia issues Ben a new temporary password
      Then Ben receives an e-mail with a temporary password
      And the e-mail says "Your delegate at Northstar Billing Services issued you a new temporary password."

    @step:billing-intro-3 @step:provider-7a
    Scenario: Ben logs on with the new temporary password and must choose his own
      Given Olivia has created a staff account for Ben Carter
      And 4 days pass
      When Olivia issues Ben a new temporary password
      And Ben logs on with his temporary password
      Then he is signed in and must choose a password of his own

    @step:billing-intro-3 @step:rules-7
    Scenario: A delegate cannot reset her own password this way
      When Olivia issues herself a new temporary password
      Then she is told "Account must be another member."

  Rule: Delegates can also create additional delegate accounts
    "Delegates can also create additional delegate accounts if required."

    @step:billing-intro-4 @step:rules-7
    Scenario: Olivia creates a delegate account for Chloe, who then adds staff
      Given Olivia has created a delegate account for Chloe Nguyen
      And Chloe has set up her new account
      When Chloe creates a staff account for Ben Carter
      Then Ben receives an e-mail with a temporary password

    @step:billing-intro-4
    Scenario: The e-mail tells the new delegate her role
      When Olivia creates a delegate account for Chloe Nguyen
      Then Chloe receives an e-mail with a temporary password
      And the e-mail says "Your delegate created a delegate account for you at Northstar Billing Services."

    @step:billing-intro-4 @step:rules-7
    Scenario: Olivia makes a staff member a delegate
      Given Olivia has created a staff account for Ben Carter
      And Ben has set up his new account
      When Olivia makes Ben a delegate
      Then Ben is a delegate of his organization

    @step:billing-intro-4 @step:rules-7
    Scenario: Staff cannot create a delegate account
      Given Olivia has created a staff account for Ben Carter
      And Ben has set up his new account
      When Ben creates a delegate account for Chloe Nguyen
      Then he is told "Only a delegate can do this. Please contact your delegate."

    @step:billing-intro-4 @step:rules-7
    Scenario: Staff cannot make themselves delegates
      Given Olivia has created a staff account for Ben Carter
      And Ben has set up his new account
      When Ben makes himself a delegate
      Then he is told "Only a delegate can do this. Please contact your delegate."

  Rule: Individuals cannot share accounts
    "HINT: Individuals cannot share accounts." An e-mail address holds one
    account in an organization.

    @step:provider-7a @step:rules-4
    Scenario: A second account with a colleague's e-mail address is refused
      Given Olivia has created a staff account for Ben Carter
      When Olivia creates a staff account for Chloe Nguyen with Ben's e-mail address
      Then she is told "Individuals cannot share accounts: this e-mail address already has an account in your organization."
      And Olivia's organization has these accounts:
        | name        | role     |
        | Olivia Hart | delegate |
        | Ben Carter  | staff    |

    @step:provider-7a @step:rules-4
    Scenario: The delegate's own e-mail address already has its account
      When Olivia creates a delegate account for Chloe Nguyen with Olivia's e-mail address
      Then she is told "Individuals cannot share accounts: this e-mail address already has an account in your organization."

    @step:provider-7a @step:rules-4
    Scenario: The same person may hold an account in another organization
      Given Priya Shah is the signed-in delegate of the billing organization "Prairie Claims Partners"
      And Olivia has created a staff account for Ben Carter
      When Priya creates a staff account for Ben Carter with the same e-mail address and the username "BenCarterPCP"
      Then Ben receives an e-mail with a temporary password
      And the e-mail says "Your delegate created a staff account for you at Prairie Claims Partners."

  Rule: The last delegate can be neither made staff nor removed
    An organization keeps at least one delegate, or nobody could maintain its accounts.

    @step:rules-7
    Scenario: The only delegate cannot make herself staff
      When Olivia makes herself staff
      Then she is told "Your organization needs at least one delegate. Make someone else a delegate first."
      And Olivia is a delegate of her organization

    @step:rules-7
    Scenario: The only delegate cannot remove her own account
      When Olivia removes her own account
      Then she is told "Your organization needs at least one delegate. Make someone else a delegate first."

    @step:rules-7
    Scenario: With a second delegate, Olivia may become staff
      Given Olivia has created a delegate account for Chloe Nguyen
      When Olivia makes herself staff
      Then Olivia is staff of her organization

    @step:rules-7 @step:billing-intro-3
    Scenario: A delegate removes a staff account
      Given Olivia has created a staff account for Ben Carter
      And Ben has set up his new account
      When Olivia removes Ben's account
      And Ben opens the provider site
      Then he is told "Your account is not part of a registered organization. Please contact your delegate."

    @step:rules-7
    Scenario: Staff cannot remove accounts
      Given Olivia has created a staff account for Ben Carter
      And Ben has set up his new account
      When Ben removes Olivia's account
      Then he is told "Only a delegate can do this. Please contact your delegate."
